namespace Secretless.TestSupport.Aws;

/// <summary>One private CA of the fake ACM PCA: a subordinate of the fake root, with its ARN and state.</summary>
internal sealed class FakePcaAuthority(string arn, InMemoryCertificateAuthority issuing, DateTimeOffset createdAt)
{
    private string _status = "ACTIVE";

    public string Arn { get; } = arn;

    public InMemoryCertificateAuthority Issuing { get; } = issuing;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset LastStateChangeAt { get; private set; } = createdAt;

    /// <summary>ACTIVE, DISABLED, EXPIRED, PENDING_CERTIFICATE, …; anything but ACTIVE refuses IssueCertificate.</summary>
    public string Status
    {
        get => Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, value);
    }

    public void ChangeStatus(string status, DateTimeOffset at)
    {
        Status = status;
        LastStateChangeAt = at;
    }
}
