using Microsoft.Extensions.Logging;
using Secretless.Aws.Http;
using Secretless.Core.Errors;

namespace Secretless.Aws.AcmPca;

/// <summary>
/// Turns what ACM PCA answered into what the core understands: throttling, 5xx, quota
/// (LimitExceeded) and unreachable endpoints become <see cref="BackendUnavailableException"/>
/// (503 + Retry-After); a rejection (unknown CA, CA not ACTIVE, bad CSR or arguments, access
/// denied) becomes a plain <see cref="InvalidOperationException"/> (500), logged with a hint.
/// </summary>
internal sealed class AcmPcaFailures(AcmPcaCertificateAuthorityOptions options, ILogger logger)
{
    public const string Backend = "acm-pca";

    /// <summary>Runs one ACM PCA call; RequestInProgressException passes through for the poller.</summary>
    public async Task<T> CallAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AwsServiceException exception) when (exception.ErrorCode == AwsErrorCodes.RequestInProgress)
        {
            throw;
        }
        catch (AwsServiceException exception) when (IsUnavailable(exception))
        {
            AcmPcaLog.Unavailable(logger, operation, exception.StatusCode, exception.ErrorCode, options.UnavailableRetryAfter);
            throw new BackendUnavailableException(
                Backend, options.UnavailableRetryAfter, $"ACM PCA {operation} is throttled or unavailable ({exception.ErrorCode}).", exception);
        }
        catch (AwsServiceException exception)
        {
            AcmPcaLog.Rejected(logger, operation, options.CertificateAuthorityArn, exception.StatusCode, exception.ErrorCode, exception.ServiceMessage, exception.RequestId, Hint(exception.ErrorCode));
            throw new InvalidOperationException(
                $"ACM PCA {operation} on {options.CertificateAuthorityArn} failed with {exception.ErrorCode}: {exception.ServiceMessage} {Hint(exception.ErrorCode)}", exception);
        }
        catch (Exception exception) when (IsUnreachable(exception, cancellationToken))
        {
            AcmPcaLog.Unreachable(logger, exception, operation, options.UnavailableRetryAfter);
            throw new BackendUnavailableException(
                Backend, options.UnavailableRetryAfter, $"ACM PCA {operation} could not be reached.", exception);
        }
    }

    private static bool IsUnavailable(AwsServiceException exception) =>
        exception.IsRetryable || exception.ErrorCode == AwsErrorCodes.LimitExceeded;

    private static bool IsUnreachable(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Hint(string errorCode) => errorCode switch
    {
        AwsErrorCodes.ResourceNotFound => "Check the CertificateAuthorityArn option and the region.",
        AwsErrorCodes.InvalidState => "The CA must be ACTIVE (not PENDING_CERTIFICATE, DISABLED or EXPIRED).",
        AwsErrorCodes.MalformedCsr => "ACM PCA could not read the device's CSR.",
        "InvalidArgsException" => "Check TemplateArn, SigningAlgorithm (it must match the CA key) and the validity against the CA's own validity.",
        AwsErrorCodes.AccessDenied => "Grant acm-pca:IssueCertificate, GetCertificate, RevokeCertificate, GetCertificateAuthorityCertificate and DescribeCertificateAuthority on this CA.",
        _ => "",
    };
}
