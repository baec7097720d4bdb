/** `eolab sweep` — placeholder until the exploration issue lands. */
import type { Command } from '../command.ts';

export const sweepCommand: Command = {
  name: 'sweep',
  summary: '(not yet available)',
  usage: 'eolab sweep (not yet available)',
  async run(_args, io) {
    io.stderr('eolab sweep: not yet available\n');
    return 1;
  },
};
