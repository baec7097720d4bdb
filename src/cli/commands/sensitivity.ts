/** `eolab sensitivity` — placeholder until the exploration issue lands. */
import type { Command } from '../command.ts';

export const sensitivityCommand: Command = {
  name: 'sensitivity',
  summary: '(not yet available)',
  usage: 'eolab sensitivity (not yet available)',
  async run(_args, io) {
    io.stderr('eolab sensitivity: not yet available\n');
    return 1;
  },
};
