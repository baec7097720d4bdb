/** Declarations for `kernel.mjs` (plain JavaScript so it runs before any build). */

/** The project folder. */
export declare const ROOT: string;
/** Where the project's Jupyter data (kernelspecs, runtime files) lives: `<project>/.jupyter`. */
export declare const JUPYTER_DIR: string;
/** Write the project's Deno kernelspec (idempotent) and return its folder. */
export declare function installKernel(): string;
/** Environment for Jupyter commands that should see only the project's kernel. */
export declare function jupyterEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
