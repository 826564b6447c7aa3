namespace Secretless.TestSupport.Aws;

/// <summary>
/// A request exactly as it arrived on the wire, which is what a SigV4 signature covers:
/// the raw (still percent-encoded) path and query, the headers and the body bytes.
/// </summary>
/// <param name="Method">HTTP method, e.g. <c>POST</c>.</param>
/// <param name="RawPath">The path as sent, e.g. <c>/things/fleet%3Adev_0001</c>.</param>
/// <param name="RawQuery">The query as sent without the leading <c>?</c>; empty when none.</param>
/// <param name="Headers">Header name → value; names compare case-insensitively.</param>
/// <param name="Body">The body bytes (empty when none).</param>
public sealed record SigV4Request(
    string Method,
    string RawPath,
    string RawQuery,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body);
