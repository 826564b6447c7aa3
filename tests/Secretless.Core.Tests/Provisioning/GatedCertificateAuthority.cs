using Secretless.Core.Issuance;

namespace Secretless.Core.Tests.Provisioning;

/// <summary>
/// Holds every issuance at a gate until the test opens it, so "issuance still running" is a state
/// the test controls (not a timing guess). <see cref="Entered"/> completes when a call waits.
/// </summary>
internal sealed class GatedCertificateAuthority(ICertificateAuthority inner) : ICertificateAuthority
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public void Open() => _open.TrySetResult();

    public ValueTask<IssuerDescription> DescribeIssuerAsync(CancellationToken cancellationToken) =>
        inner.DescribeIssuerAsync(cancellationToken);

    public async Task<IssuedCertificate> IssueAsync(CertificateProfile profile, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
        return await inner.IssueAsync(profile, cancellationToken);
    }
}
