import { contextBridge, ipcRenderer } from 'electron';
import { API_CHANNEL, createClient, type Client } from '../../shared/api/client';
import type { Result } from '../../shared/api/result';

/** The page gets exactly one object: a method per call in the contract, and nothing of Electron. */
const api = createClient((name, input) => ipcRenderer.invoke(API_CHANNEL, name, input) as Promise<Result<unknown>>) satisfies Client;

contextBridge.exposeInMainWorld('keyDesk', api);
