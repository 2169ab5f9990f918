/**
 * The ASCII logo redis-server prints at startup when its log goes to a terminal (no logfile),
 * byte for byte as Redis 7.0 prints it: it is learner-visible output. Counterpart: asciilogo.h.
 */
export function ASCII_LOGO(version: string, mode: string, port: number, pid: number): string {
  const values = [version, '00000000', '0', '64', mode, String(port), String(pid)];
  let i = 0;
  return TEMPLATE.replace(/\u0000/g, () => values[i++]);
}

const TEMPLATE =
  "                _._                                                  \n" +
  "           _.-``__ ''-._                                             \n" +
  "      _.-``    `.  `_.  ''-._           Redis \u0000 (\u0000/\u0000) \u0000 bit\n" +
  "  .-`` .-```.  ```\\/    _.,_ ''-._                                  \n" +
  " (    '      ,       .-`  | `,    )     Running in \u0000 mode\n" +
  " |`-._`-...-` __...-.``-._|'` _.-'|     Port: \u0000\n" +
  " |    `-._   `._    /     _.-'    |     PID: \u0000\n" +
  "  `-._    `-._  `-./  _.-'    _.-'                                   \n" +
  " |`-._`-._    `-.__.-'    _.-'_.-'|                                  \n" +
  " |    `-._`-._        _.-'_.-'    |           https://redis.io       \n" +
  "  `-._    `-._`-.__.-'_.-'    _.-'                                   \n" +
  " |`-._`-._    `-.__.-'    _.-'_.-'|                                  \n" +
  " |    `-._`-._        _.-'_.-'    |                                  \n" +
  "  `-._    `-._`-.__.-'_.-'    _.-'                                   \n" +
  "      `-._    `-.__.-'    _.-'                                       \n" +
  "          `-._        _.-'                                           \n" +
  "              `-.__.-'                                               \n" +
  "\n";
