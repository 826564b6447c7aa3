namespace Secretless.Local.Delivery;

/// <summary>Whether a payload URL's key, expiry and signature are what the server signed.</summary>
public enum PayloadUrlValidation
{
    Valid = 0,

    /// <summary>Key, expiry or signature altered (or malformed): 403 <c>payload-url-invalid</c>.</summary>
    Tampered = 1,

    /// <summary>Signed by us, but the expiry has passed: 403 <c>payload-url-expired</c>.</summary>
    Expired = 2,
}
