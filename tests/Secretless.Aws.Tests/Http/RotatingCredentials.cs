using Amazon.Runtime;

namespace Secretless.Aws.Tests.Http;

/// <summary>Credentials that hand out a new access key on every call, like a role whose session keeps refreshing.</summary>
internal sealed class RotatingCredentials : AWSCredentials
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public override ImmutableCredentials GetCredentials() =>
        new($"AKIDROTATING{Interlocked.Increment(ref _calls):D4}", "secret", null);

    public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromResult(GetCredentials());
}
