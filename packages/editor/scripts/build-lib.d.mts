/** Builds the embeddable library (module, CSS, workers, declarations) into `outDir`. */
export function buildLibrary(outDir: string): Promise<void>;
