namespace Secretless.TestSupport.Aws;

/// <summary>
/// The outcome of checking one request's SigV4 signature. When it failed, <see cref="ErrorCode"/>
/// is the error AWS answers with (e.g. <c>InvalidSignatureException</c>) and <see cref="Message"/> says why.
/// </summary>
public sealed record SigV4Verification(
    bool IsValid,
    string? ErrorCode,
    string? Message,
    string? Service,
    string? Region,
    string? CanonicalRequest)
{
    public static SigV4Verification Valid(string service, string region, string canonicalRequest) =>
        new(true, null, null, service, region, canonicalRequest);

    public static SigV4Verification Invalid(string errorCode, string message, string? canonicalRequest = null) =>
        new(false, errorCode, message, null, null, canonicalRequest);
}
