import { randomUUID } from 'node:crypto';
import type { Migration } from './types';

/** The provision, its two bases as the Key runs them today, and the least a placement needs. */
export const migration001: Migration = {
  version: 1,
  name: 'bases, pupils and placements',
  up(db) {
    db.exec(`
      CREATE TABLE provision (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        is_demo INTEGER NOT NULL CHECK (is_demo IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE bases (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        host_school TEXT NOT NULL,
        places INTEGER NOT NULL CHECK (places >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE base_key_stages (
        base_id TEXT NOT NULL REFERENCES bases(id) ON DELETE CASCADE,
        key_stage TEXT NOT NULL CHECK (key_stage IN ('KS1', 'KS2')),
        PRIMARY KEY (base_id, key_stage)
      ) STRICT;

      CREATE TABLE pupils (
        id TEXT PRIMARY KEY,
        legal_first_name TEXT NOT NULL,
        legal_last_name TEXT NOT NULL,
        preferred_name TEXT,
        date_of_birth TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE placements (
        id TEXT PRIMARY KEY,
        pupil_id TEXT NOT NULL REFERENCES pupils(id),
        base_id TEXT NOT NULL REFERENCES bases(id),
        start_date TEXT NOT NULL,
        end_date TEXT,
        created_at TEXT NOT NULL,
        CHECK (end_date IS NULL OR end_date >= start_date)
      ) STRICT;
      CREATE INDEX placements_by_base ON placements (base_id, start_date);
      CREATE INDEX placements_by_pupil ON placements (pupil_id);
    `);
    const now = new Date().toISOString();
    const seed: Array<[string, string, number, string[]]> = [
      ['Parkgate', 'Parkgate Primary School', 24, ['KS1', 'KS2']],
      ['Frederick Bird', 'Frederick Bird Primary School', 12, ['KS1']],
    ];
    for (const [name, hostSchool, places, stages] of seed) {
      const id = randomUUID();
      db.run('INSERT INTO bases (id, name, host_school, places, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [
        id, name, hostSchool, places, now, now,
      ]);
      for (const stage of stages) db.run('INSERT INTO base_key_stages (base_id, key_stage) VALUES (?, ?)', [id, stage]);
    }
  },
};
