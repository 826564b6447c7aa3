using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Secretless.Aws.Http;

/// <summary>
/// The credentials an <see cref="AwsServiceClient"/> signs with. Explicit credentials are used as
/// given; null walks the standard AWS chain (environment, profile, SSO, web identity, container,
/// instance) once, on first use. Every call then asks the <see cref="AWSCredentials"/> for its
/// current keys, so refreshing credentials (assumed roles, instance roles) rotate by themselves.
/// </summary>
public sealed class AwsCredentialsResolver : IDisposable
{
    private readonly SemaphoreSlim _resolveLock = new(1, 1);
    private AWSCredentials? _credentials;
    private DefaultAWSCredentialsIdentityResolver? _chain;

    public AwsCredentialsResolver(AWSCredentials? credentials)
    {
        _credentials = credentials;
    }

    /// <summary>The keys to sign the next request with.</summary>
    public async Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken)
    {
        var credentials = _credentials ?? await ResolveChainAsync(cancellationToken).ConfigureAwait(false);
        return await credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _chain?.Dispose();
        _resolveLock.Dispose();
    }

    private async Task<AWSCredentials> ResolveChainAsync(CancellationToken cancellationToken)
    {
        await _resolveLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_credentials is null)
            {
                _chain ??= new DefaultAWSCredentialsIdentityResolver();
                _credentials = await _chain.ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false);
            }

            return _credentials;
        }
        finally
        {
            _resolveLock.Release();
        }
    }
}
