// Every DCC vc-test-fixtures credential (JSON and image) verified through the public verify() flow,
// with its expected outcome and the reason written down. Runs in Node and Chromium.
//
// Notes on the fixture set (Digital Credentials Consortium, MIT):
// - Every .png/.svg here is a QR code of the credential's link, not a baked badge: no iTXt
//   chunk / <openbadges:credential> element, so verify() reports parse failed `image-no-badge`.
// - Most credentials have neither credentialSubject.id nor identifier: schema `warning`
//   `subject-unidentified` (reported, not blocking) — see the package README.
// - `now` is fixed so expiry outcomes never change.
import { describe, it, before, expect, listFixtures, readFixture, readFixtureText } from '@col/harness';
import { verify, type VerificationReport } from '@citiesoflearning/verify';

const NOW = '2026-06-01T00:00:00Z';
const GH = 'https://digitalcredentials.github.io/vc-test-fixtures/';
const RAW_STATUS = 'https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/';

type Row = [path: string, outcome: VerificationReport['outcome'], codes: string[], why: string];

// [file under dcc/verifiableCredentials/, expected outcome, codes of every failed/inconclusive/warning check, why]
const EXPECTED: Row[] = [
  ["v1/bothSignatureTypes/didKey/fourRegistry-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/bothSignatureTypes/didKey/fourRegistry-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/bothSignatureTypes/didKey/legacy-noStatus-noExpiry-basicOBv3.json", 'verified', [], "verifies"],
  ["v1/bothSignatureTypes/didKey/legacy-noStatus-noExpiry-basicOBv3.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/bothSignatureTypes/didKey/legacy-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/bothSignatureTypes/didKey/legacy-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/bothSignatureTypes/didKey/mixedRegistry-validStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/bothSignatureTypes/didKey/mixedRegistry-validStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/bothSignatureTypes/didKey/noRegistry-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/bothSignatureTypes/didKey/noRegistry-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/bothSignatureTypes/didKey/oidf-noStatus-expired.json", 'failed', ["expired","subject-unidentified"], "validUntil/expirationDate has passed"],
  ["v1/bothSignatureTypes/didKey/oidf-noStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/bothSignatureTypes/didKey/oidf-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/bothSignatureTypes/didKey/oidf-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/bothSignatureTypes/didKey/oidf-revokedStatus-expired.json", 'failed', ["expired","revoked","subject-unidentified"], "validUntil/expirationDate has passed; bit set in the revocation status list"],
  ["v1/bothSignatureTypes/didKey/oidf-revokedStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/bothSignatureTypes/didWeb/legacy-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/bothSignatureTypes/didWeb/legacy-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/bothSignatureTypes/didWeb/legacy-revokedStaus-noExpiry.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v1/bothSignatureTypes/didWeb/legacy-revokedStaus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/bothSignatureTypes/didWeb/legacy-validStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/bothSignatureTypes/didWeb/legacy-validStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/bothSignatureTypes/didWeb/oidf-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/bothSignatureTypes/didWeb/oidf-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/bothSignatureTypes/didWeb/oidf-revokedStatus-noExpiry.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v1/bothSignatureTypes/didWeb/oidf-revokedStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/bothSignatureTypes/didWeb/oidf-validStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/bothSignatureTypes/didWeb/oidf-validStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didKey/fourRegistry-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/dataIntegrityProof/didKey/fourRegistry-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didKey/legacy-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/dataIntegrityProof/didKey/legacy-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json", 'verified', [], "verifies"],
  ["v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-oldDCCExample.json", 'inconclusive', ["context-unknown","subject-unidentified"], "uses https://w3id.org/dcc/v1, which has no pinned copy"],
  ["v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-oldDCCExample.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didKey/mixedRegistry-validStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/dataIntegrityProof/didKey/mixedRegistry-validStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didKey/mixedRegistry-validStatus-noExpiry.svg", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didKey/noRegistry-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/dataIntegrityProof/didKey/noRegistry-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didKey/oidf-noStatus-expired.json", 'failed', ["expired","subject-unidentified"], "validUntil/expirationDate has passed"],
  ["v1/dataIntegrityProof/didKey/oidf-noStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didKey/oidf-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/dataIntegrityProof/didKey/oidf-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didKey/oidf-revokedStatus-expired.json", 'failed', ["expired","revoked","subject-unidentified"], "validUntil/expirationDate has passed; bit set in the revocation status list"],
  ["v1/dataIntegrityProof/didKey/oidf-revokedStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didWeb/legacy-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/dataIntegrityProof/didWeb/legacy-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didWeb/legacy-revokedStatus-noExpiry.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v1/dataIntegrityProof/didWeb/legacy-revokedStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didWeb/legacy-validStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/dataIntegrityProof/didWeb/legacy-validStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didWeb/oidf-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/dataIntegrityProof/didWeb/oidf-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didWeb/oidf-revokedStatus-noExpiry.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v1/dataIntegrityProof/didWeb/oidf-revokedStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/dataIntegrityProof/didWeb/oidf-validStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/dataIntegrityProof/didWeb/oidf-validStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didKey/fourRegistry-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/ed25519/didKey/fourRegistry-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didKey/legacy-noStatus-expired.json", 'failed', ["expired","subject-unidentified"], "validUntil/expirationDate has passed"],
  ["v1/ed25519/didKey/legacy-noStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didKey/legacy-noStatus-noExpiry-stringIssuerId.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/ed25519/didKey/legacy-noStatus-noExpiry-stringIssuerId.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didKey/legacy-noStatus-noExpiry.json", 'failed', ["input-empty"], "the file is empty (0 bytes)"],
  ["v1/ed25519/didKey/legacy-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didKey/legacyRegistry-noStatus-noExpiry-issuerImageId.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/ed25519/didKey/legacyRegistry-noStatus-noExpiry-issuerImageId.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didKey/mixedRegistry-validStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/ed25519/didKey/mixedRegistry-validStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didKey/noRegistry-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/ed25519/didKey/noRegistry-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didKey/oidf-noStatus-expired.json", 'failed', ["expired","subject-unidentified"], "validUntil/expirationDate has passed"],
  ["v1/ed25519/didKey/oidf-noStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didKey/oidf-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/ed25519/didKey/oidf-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didKey/oidf-revokedStatus-expired.json", 'failed', ["expired","revoked","subject-unidentified"], "validUntil/expirationDate has passed; bit set in the revocation status list"],
  ["v1/ed25519/didKey/oidf-revokedStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didWeb/legacy-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/ed25519/didWeb/legacy-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didWeb/legacy-revokedStatus-noExpiry.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v1/ed25519/didWeb/legacy-revokedStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didWeb/legacy-validStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/ed25519/didWeb/legacy-validStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didWeb/oidf-noStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/ed25519/didWeb/oidf-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didWeb/oidf-revokedStatus-noExpiry.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v1/ed25519/didWeb/oidf-revokedStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v1/ed25519/didWeb/oidf-validStatus-noExpiry.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v1/ed25519/didWeb/oidf-validStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry-nonOBWithOBContext.json", 'verified', ["not-open-badge"], "verifies; warning not-open-badge"],
  ["v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry-nonOBWithOBContext.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry.json", 'verified', [], "verifies"],
  ["v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement-withSchema.json", 'verified', [], "verifies (an OB 3.0 EndorsementCredential)"],
  ["v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement-withSchema.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement.json", 'verified', [], "verifies (an OB 3.0 EndorsementCredential)"],
  ["v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/bothSignatureTypes/didkey/noRegistry-revokedStatus-expired.json", 'failed', ["expired","revoked","subject-unidentified"], "validUntil/expirationDate has passed; bit set in the revocation status list"],
  ["v2/bothSignatureTypes/didkey/noRegistry-revokedStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/bothSignatureTypes/didkey/noRegistry-revokedStatus-notExpired.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v2/bothSignatureTypes/didkey/noRegistry-revokedStatus-notExpired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/bothSignatureTypes/didkey/oidf-revokedStatus-noExpiry.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v2/bothSignatureTypes/didkey/oidf-revokedStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/bothSignatureTypes/didweb/legacy-revokedStatus-expired.json", 'failed', ["expired","revoked","subject-unidentified"], "validUntil/expirationDate has passed; bit set in the revocation status list"],
  ["v2/bothSignatureTypes/didweb/legacy-revokedStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/bothSignatureTypes/didweb/legacy-revokedStatus-noExpiry.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v2/bothSignatureTypes/didweb/legacy-revokedStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/bothSignatureTypes/didweb/oidf-noStatus-notExpired.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v2/bothSignatureTypes/didweb/oidf-noStatus-notExpired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus- noExpiry-credSubjName.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus- noExpiry-credSubjName.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json", 'verified', [], "verifies"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-achievementTypeExample.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-achievementTypeExample.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json", 'verified', [], "verifies"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-basicOBv3.json", 'verified', [], "verifies"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-basicOBv3.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-credName.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-credName.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-credSubjName.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-credSubjName.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-identityHash.json", 'verified', [], "verifies"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-identityHash.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-minimal.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-minimal.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-notExpired-withSchema.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-notExpired-withSchema.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/noRegistry-revokedStatus-noExpiry.json", 'failed', ["expired","revoked","subject-unidentified"], "validUntil/expirationDate has passed; bit set in the revocation status list"],
  ["v2/dataIntegrityProof/didKey/noRegistry-revokedStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/noRegsitry-revokedStatus-notExpired.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v2/dataIntegrityProof/didKey/noRegsitry-revokedStatus-notExpired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-complexIssuer.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-complexIssuer.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-notYetValid.json", 'failed', ["not-yet-valid","subject-unidentified"], "validFrom is in 2099"],
  ["v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-notYetValid.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/oidf-revokedStatus-noExpiry.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v2/dataIntegrityProof/didKey/oidf-revokedStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/twoOIDF-revoked-notExpired-badSchema.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v2/dataIntegrityProof/didKey/twoOIDF-revoked-notExpired-badSchema.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didKey/twoOIDF-validStatus-expired.json", 'failed', ["expired","subject-unidentified"], "validUntil/expirationDate has passed"],
  ["v2/dataIntegrityProof/didKey/twoOIDF-validStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didweb/legacy-revokedStatus-expired.json", 'failed', ["expired","revoked","subject-unidentified"], "validUntil/expirationDate has passed; bit set in the revocation status list"],
  ["v2/dataIntegrityProof/didweb/legacy-revokedStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didweb/legacy-revokedStatus-noExpiry.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v2/dataIntegrityProof/didweb/legacy-revokedStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/dataIntegrityProof/didweb/oidf-noStatus-notExpired.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v2/dataIntegrityProof/didweb/oidf-noStatus-notExpired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didKey/legacy-expiredStatus-noExpiry.json", 'inconclusive', ["status-list-expired","subject-unidentified"], "its status list credential has expired"],
  ["v2/ed25519/didKey/legacy-expiredStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didKey/legacy-missingTypeStatus-noExpiry.json", 'inconclusive', ["status-list-invalid","subject-unidentified"], "its status list is tampered / lacks BitstringStatusListCredential type"],
  ["v2/ed25519/didKey/legacy-missingTypeStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didKey/legacy-noStatus-expired.json", 'failed', ["expired"], "validUntil/expirationDate has passed"],
  ["v2/ed25519/didKey/legacy-noStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didKey/legacy-noStatus-noExpiry-lcwExperience.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v2/ed25519/didKey/legacy-noStatus-noExpiry-lcwExperience.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didKey/legacy-noStatus-noExpiry-stringIssuerId.json", 'verified', [], "verifies"],
  ["v2/ed25519/didKey/legacy-noStatus-noExpiry-stringIssuerId.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didKey/legacy-noStatus-noExpiry-tampered.json", 'failed', ["signature-invalid"], "deliberately tampered after signing"],
  ["v2/ed25519/didKey/legacy-noStatus-noExpiry-tampered.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didKey/legacy-noStatus-noExpiry.json", 'verified', [], "verifies"],
  ["v2/ed25519/didKey/legacy-noStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didKey/legacy-notYetValidStatus-noExpiry.json", 'inconclusive', ["status-list-not-yet-valid","subject-unidentified"], "its status list credential is valid only from year 3000"],
  ["v2/ed25519/didKey/legacy-notYetValidStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didKey/legacy-tamperedStatus-noExpiry.json", 'inconclusive', ["status-list-invalid","subject-unidentified"], "its status list is tampered / lacks BitstringStatusListCredential type"],
  ["v2/ed25519/didKey/legacy-tamperedStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didKey/noRegistry-revokedStatus-expired.json", 'failed', ["expired","revoked","subject-unidentified"], "validUntil/expirationDate has passed; bit set in the revocation status list"],
  ["v2/ed25519/didKey/noRegistry-revokedStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didKey/noRegistry-revokedStatus-notExpired.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v2/ed25519/didKey/noRegistry-revokedStatus-notExpired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didKey/oidf-revokedStatus-noExpiry.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v2/ed25519/didKey/oidf-revokedStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didWeb/badDidWeb.json", 'inconclusive', ["proof-not-checked","key-unresolvable","subject-unidentified"], "proof-not-checked; did:web document not published (offline)"],
  ["v2/ed25519/didWeb/badDidWeb.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didWeb/legacy-revokedStatus-expired.json", 'failed', ["expired","revoked","subject-unidentified"], "validUntil/expirationDate has passed; bit set in the revocation status list"],
  ["v2/ed25519/didWeb/legacy-revokedStatus-expired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didWeb/legacy-revokedStatus-noExpiry.json", 'failed', ["revoked","subject-unidentified"], "bit set in the revocation status list"],
  ["v2/ed25519/didWeb/legacy-revokedStatus-noExpiry.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
  ["v2/ed25519/didWeb/oidf-noStatus-notExpired.json", 'verified', ["subject-unidentified"], "verifies; warning subject-unidentified"],
  ["v2/ed25519/didWeb/oidf-noStatus-notExpired.png", 'failed', ["image-no-badge"], "QR-code image, nothing baked in"],
];

async function fixtureDocuments(): Promise<Record<string, unknown>> {
  const documents: Record<string, unknown> = {};
  for (const name of ['legacy', 'oidf']) {
    documents[`${GH}dids/${name}/did.json`] = await readFixtureText(`dcc/dids/${name}/did.json`);
  }
  for (const name of ['e5WK8CbZ1GjycuPombrj', 'expired', 'missingBitStringType', 'notYetValid', 'tampered']) {
    documents[`${GH}statusLists/didkey-ed25519Signature2020/${name}`] = await readFixtureText(
      `dcc/statusLists/didkey-ed25519Signature2020/${name}`,
    );
  }
  documents[`${RAW_STATUS}e5WK8CbZ1GjycuPombrj`] = documents[`${GH}statusLists/didkey-ed25519Signature2020/e5WK8CbZ1GjycuPombrj`];
  return documents;
}

async function input(path: string): Promise<string | Uint8Array> {
  const bytes = await readFixture(`dcc/verifiableCredentials/${path}`);
  return path.endsWith('.json') ? new TextDecoder().decode(bytes) : bytes;
}

function problemCodes(report: VerificationReport): string[] {
  return report.checks.filter((c) => c.outcome === 'failed' || c.outcome === 'inconclusive' || c.outcome === 'warning').map((c) => c.code);
}

describe('verify(): every DCC fixture credential', () => {
  let documents: Record<string, unknown>;
  before(async () => {
    documents = await fixtureDocuments();
  });

  it('the table covers every file in the fixture folder, and nothing else', async () => {
    const files = (await listFixtures('dcc/verifiableCredentials')).map((f) => f.replace('dcc/verifiableCredentials/', ''));
    expect(EXPECTED.map((r) => r[0]).sort()).to.deep.equal(files);
  });

  for (const [path, outcome, codes, why] of EXPECTED) {
    it(`${path} → ${outcome} (${why})`, async () => {
      const report = await verify(await input(path), { documents, offline: true, now: NOW });
      expect(report.outcome, JSON.stringify(report.checks)).to.equal(outcome);
      expect(report.verified).to.equal(outcome === 'verified');
      expect(problemCodes(report).sort()).to.deep.equal([...codes].sort());
      for (const c of report.checks) expect(c.message).to.be.a('string').and.not.equal('');
    });
  }
});

describe('verify(): DCC fixtures, beyond the table', () => {
  it('names the badge and issuer of a verified credential', async () => {
    const report = await verify(await input('v2/ed25519/didKey/legacy-noStatus-noExpiry.json'), { offline: true, now: NOW });
    expect(report.outcome).to.equal('verified');
    expect(report.format).to.equal('ob3-data-integrity');
    expect(report.checks.map((c) => c.id)).to.deep.equal(['parse', 'schema', 'proof', 'key', 'validity', 'status']);
    expect(report.badge?.issuer?.id).to.equal('did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q');
    expect(report.badge?.issuedOn).to.equal('2010-01-01T00:00:00Z');
  });

  it('says in plain words that a revoked badge is revoked', async () => {
    const documents = await fixtureDocuments();
    const report = await verify(await input('v2/ed25519/didWeb/legacy-revokedStatus-noExpiry.json'), { documents, offline: true, now: NOW });
    const status = report.checks.find((c) => c.id === 'status');
    expect(status).to.include({ outcome: 'failed', code: 'revoked', message: 'This badge has been revoked by its issuer.' });
  });

  it('offline without the did:web document or status list: inconclusive, never a crash', async () => {
    const didWeb = await verify(await input('v2/ed25519/didWeb/oidf-noStatus-notExpired.json'), { offline: true, now: NOW });
    expect(didWeb.outcome).to.equal('inconclusive');
    expect(didWeb.checks.find((c) => c.id === 'key')).to.include({ outcome: 'inconclusive', code: 'key-unresolvable' });
    const status = await verify(await input('v2/ed25519/didKey/oidf-revokedStatus-noExpiry.json'), { offline: true, now: NOW });
    expect(status.outcome).to.equal('inconclusive');
    expect(status.checks.find((c) => c.id === 'status')).to.include({ outcome: 'inconclusive', code: 'status-unreachable' });
  });

  it('an unpinned JSON-LD context is never fetched: the proof is inconclusive, not verified', async () => {
    const report = await verify(await input('v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-oldDCCExample.json'), {
      offline: true,
      now: NOW,
    });
    expect(report.outcome).to.equal('inconclusive');
    expect(report.checks.find((c) => c.id === 'proof')).to.include({ outcome: 'inconclusive', code: 'context-unknown' });
  });

  it('a plain verifiable credential (not an Open Badge) verifies with a warning, as text or bytes', async () => {
    const path = 'v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry-nonOBWithOBContext.json';
    for (const input of [await readFixtureText(`dcc/verifiableCredentials/${path}`), await readFixture(`dcc/verifiableCredentials/${path}`)]) {
      const report = await verify(input, { offline: true, now: NOW });
      expect(report.outcome).to.equal('verified');
      expect(report.checks.find((c) => c.id === 'schema')).to.include({ outcome: 'warning', code: 'not-open-badge' });
    }
  });

  it('expiry depends on `now`', async () => {
    const path = 'v2/ed25519/didKey/legacy-noStatus-expired.json'; // valid 2010-01-01 … 2011-01-01
    expect((await verify(await input(path), { offline: true, now: '2010-06-01T00:00:00Z' })).outcome).to.equal('verified');
    expect((await verify(await input(path), { offline: true, now: '2009-06-01T00:00:00Z' })).checks.find((c) => c.id === 'validity')?.code).to.equal('not-yet-valid');
  });

  it('recipient and trust checks run only when asked', async () => {
    const path = 'v2/ed25519/didKey/legacy-noStatus-noExpiry.json'; // subject id did:example:ebfeb1f712ebc6f1c276e12ec21
    const plain = await verify(await input(path), { offline: true, now: NOW });
    expect(plain.checks.map((c) => c.id)).to.not.include.members(['recipient', 'trust']);
    const asked = await verify(await input(path), {
      offline: true,
      now: NOW,
      recipient: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      trustedIssuers: ['did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q'],
    });
    expect(asked.outcome).to.equal('verified');
    expect(asked.checks.slice(-2).map((c) => [c.id, c.outcome])).to.deep.equal([['recipient', 'passed'], ['trust', 'passed']]);
    const wrong = await verify(await input(path), { offline: true, now: NOW, recipient: 'someone@example.org', trustedIssuers: ['did:web:other.example'] });
    expect(wrong.outcome).to.equal('failed');
    expect(wrong.checks.slice(-2).map((c) => c.code)).to.deep.equal(['recipient-mismatch', 'issuer-unknown']);
  });
});
