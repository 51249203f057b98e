// The W3C Verifiable Credentials examples context, used by the W3C vc-di-eddsa test vectors and
// by many specification examples.
// Source: https://www.w3.org/ns/credentials/examples/v2 — W3C Software and Document License
// (https://www.w3.org/copyright/software-license-2023/).
export const W3C_EXAMPLES_V2_URL = 'https://www.w3.org/ns/credentials/examples/v2';

export const w3cExamplesV2Context = {
  '@context': {
    '@vocab': 'https://www.w3.org/ns/credentials/examples#',
  },
};
