using Secretless.Core.Issuance;

namespace Secretless.Server.Tests.Support;

/// <summary>
/// The real CA behind a gate the test opens, so "issuance still running" is a state the test holds
/// (not a timing guess). <see cref="Entered"/> completes when an issuance waits at the gate.
/// </summary>
public sealed class GatedCertificateAuthority(ICertificateAuthority real) : ICertificateAuthority
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _issueCalls;

    public Task Entered => _entered.Task;

    public int IssueCalls => Volatile.Read(ref _issueCalls);

    public void Open() => _open.TrySetResult();

    public ValueTask<IssuerDescription> DescribeIssuerAsync(CancellationToken cancellationToken) =>
        real.DescribeIssuerAsync(cancellationToken);

    public async Task<IssuedCertificate> IssueAsync(CertificateProfile profile, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _issueCalls);
        _entered.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
        return await real.IssueAsync(profile, cancellationToken);
    }
}
