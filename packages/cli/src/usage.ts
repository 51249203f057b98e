/** The CLI's help text, printed by `colearn --help` and after a usage error. */
export const USAGE = `colearn — Open Badges tools from the Cities of Learning SDK

Usage:
  colearn verify <file|https-url|-> [--json] [--documents FILE] [--offline]
                 [--recipient VALUE] [--trust FILE] [--now ISO8601] [--lang cy]
  colearn bake <image.png|image.svg> <credential-file|-> -o <out> [--refuse-existing]
  colearn unbake <image.png|image.svg>
  colearn keys generate [--type Ed25519|P-256|RSA] [-o FILE]
  colearn serve [--port N] [--host H] [--data DIR] [--base-url URL] [--demo]
                [--database postgres://…] [--log-requests] [--trust-proxy]
                [--tls-cert FILE --tls-key FILE] [--awards-per-minute N]
  colearn award --achievement KEY --csv FILE [--api URL] [--out FILE]   (key in COL_API_KEY)

colearn verify exits 0 when verified, 1 when failed, 3 when inconclusive, 2 on a usage
error or unreadable input. Run "colearn <command> --help" for details;
"colearn --version" prints the version.`;
