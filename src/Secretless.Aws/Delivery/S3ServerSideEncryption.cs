namespace Secretless.Aws.Delivery;

/// <summary>Server-side encryption S3 applies to stored payloads (they hold certificates, not keys).</summary>
public enum S3ServerSideEncryption
{
    /// <summary>No encryption header; for emulators such as s3rver that do not implement it.</summary>
    None = 0,

    /// <summary>S3-managed keys (<c>AES256</c>), the default.</summary>
    Aes256 = 1,

    /// <summary>KMS with the account's default <c>aws/s3</c> key (<c>aws:kms</c>).</summary>
    AwsKms = 2,
}
