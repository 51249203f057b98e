/** The CLI's help text, printed by `col --help` and after a usage error. */
export const USAGE = `col — Open Badges tools from the Cities of Learning SDK

Usage:
  col verify <file|https-url|-> [--json] [--documents FILE] [--offline]
             [--recipient VALUE] [--trust FILE] [--now ISO8601] [--lang cy]
  col bake <image.png|image.svg> <credential-file|-> -o <out> [--refuse-existing]
  col unbake <image.png|image.svg>
  col keys generate [--type Ed25519|P-256|RSA] [-o FILE]
  col serve [--port N] [--host H] [--data DIR] [--base-url URL] [--demo]
            [--log-requests] [--trust-proxy]

col verify exits 0 when verified, 1 when failed, 3 when inconclusive, 2 on a usage
error or unreadable input. Run "col <command> --help" for details.`;
