/** The settings of the import runs, set once from the configuration when the jobs are defined. */
export interface ImportSettings {
  /** Where uploaded files wait for their run. */
  dir: string;
  /** Rows read, decided and written between two checkpoints. */
  batchSize: number;
  /** How old a run's heartbeat may be before another run may take the import over. */
  leaseMs: number;
}

let settings: ImportSettings = { dir: '', batchSize: 1000, leaseMs: 60_000 };

export const importSettings = (): ImportSettings => settings;

export function setImportSettings(next: ImportSettings): void {
  settings = next;
}
