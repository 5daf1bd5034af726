/**
 * The emulator's TLS certificate, for the one API the SDKs reach over HTTPS only (Alibaba Cloud STS,
 * which @alicloud/credentials calls with https forced): self-signed for 127.0.0.1 and localhost,
 * valid ten years, its key public like the emulator's well-known key pair. TEST ONLY: a process
 * trusts it through NODE_EXTRA_CA_CERTS=<a file holding TEST_CA_CERT> (read at process start).
 */
export const TEST_CA_CERT = `-----BEGIN CERTIFICATE-----
MIIB4zCCAYmgAwIBAgIUfnMED74xMoCchHQonEcwlGIXmE0wCgYIKoZIzj0EAwIw
MTEvMC0GA1UEAwwmcnVuaW5zdGFuY2VzIGVtdWxhdG9yIHRlc3QgY2VydGlmaWNh
dGUwHhcNMjYxMjAxMTI0NDM1WhcNMzYxMTI4MTI0NDM1WjAxMS8wLQYDVQQDDCZy
dW5pbnN0YW5jZXMgZW11bGF0b3IgdGVzdCBjZXJ0aWZpY2F0ZTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABNvqedHzIc9dT+N1fXRx8FBHqKj2decDt1vNZJ/6IwlD
5NxYstjkhBFWdhoIQvA/gX/uvFQtn6wklJFqdXQzSh2jfzB9MB0GA1UdDgQWBBS8
f5gThbyHOYr0LECzqN9GqX4N8DAfBgNVHSMEGDAWgBS8f5gThbyHOYr0LECzqN9G
qX4N8DAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwDwYDVR0TAQH/BAUwAwEB
/zAOBgNVHQ8BAf8EBAMCAoQwCgYIKoZIzj0EAwIDSAAwRQIhAKafIeUb9pLe3CAG
q+h2ojiBnwefqHTnTY+NfA7KkMSXAiAEfiJXxLpDwwGq8G7kPNHWb8C2WoAOQ4E1
8+n5aSqK9g==
-----END CERTIFICATE-----
`;

export const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgL0fPKOq9pdtXxpsf
qEZEtAtyZZupiw/CRJUxUBV21KahRANCAATb6nnR8yHPXU/jdX10cfBQR6io9nXn
A7dbzWSf+iMJQ+TcWLLY5IQRVnYaCELwP4F/7rxULZ+sJJSRanV0M0od
-----END PRIVATE KEY-----
`;
