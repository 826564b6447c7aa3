using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Secretless.Aws.Http;
using Secretless.Core.Pem;
using Secretless.Core.Registry;

namespace Secretless.Aws.Iot;

/// <summary>
/// The thing registry on AWS IoT Core: certificates (RegisterCertificate or
/// RegisterCertificateWithoutCA), things, policies and their attachments. Every operation is
/// idempotent, as <see cref="IThingRegistry"/> requires, so an interrupted registration is
/// completed by repeating it. Throttling and 5xx that outlast the transport's retries become
/// <c>BackendUnavailableException</c>; any other AWS error propagates.
/// </summary>
/// <remarks>
/// The port names certificates by id, AWS IoT attaches them by ARN. The ARN comes from the
/// registration answer; a certificate registered earlier (another process, a retry, or one AWS IoT
/// issued itself) has its ARN looked up once with DescribeCertificate. That costs one call on a
/// rare path but needs no account-id option and is right in every partition (aws-cn, aws-us-gov).
/// </remarks>
public sealed partial class IotCoreThingRegistry : IThingRegistry
{
    private const int MaxCachedArns = 10_000;
    private const string DataAtsEndpointType = "iot:Data-ATS";

    private readonly IotClient _iot;
    private readonly IotCoreThingRegistryOptions _options;
    private readonly string? _caCertificatePem;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, string> _certificateArns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _ensuredPolicies = new(StringComparer.Ordinal);
    private readonly Lock _endpointGate = new();
    private Task<string>? _endpoint;

    public IotCoreThingRegistry(IotClient iot, IotCoreThingRegistryOptions options, ILogger<IotCoreThingRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(iot);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.ThrowIfInvalid();
        _iot = iot;
        _options = options;
        _caCertificatePem = options.RegistrationMode == IotCertificateRegistrationMode.WithCa ? options.ReadCaPem() : null;
        _logger = logger;
    }

    /// <summary>
    /// Registers the certificate ACTIVE. One that AWS IoT already knows (ResourceAlreadyExists:
    /// issued by AWS IoT itself INACTIVE, or a retry) is set ACTIVE; a REVOKED one throws
    /// <see cref="InvalidOperationException"/>, because REVOKED is final.
    /// </summary>
    public async Task<string> RegisterCertificateAsync(byte[] certificateDer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateDer);
        var certificatePem = PemText.Certificate(certificateDer);
        try
        {
            var (arn, id) = _options.RegistrationMode == IotCertificateRegistrationMode.WithCa
                ? await RegisterWithCaAsync(certificatePem, cancellationToken)
                : await RegisterWithoutCaAsync(certificatePem, cancellationToken);
            id ??= CertificateIdOf(certificateDer);
            RememberArn(id, arn);
            IotCoreLog.CertificateRegistered(_logger, id, _options.RegistrationMode);
            return id;
        }
        catch (AwsServiceException exception) when (exception.Is(AwsErrorCodes.ResourceAlreadyExists))
        {
            var id = CertificateIdOf(certificateDer);
            IotCoreLog.CertificateAlreadyRegistered(_logger, id);
            await UpdateStatusAsync(id, CertificateStatus.Active, cancellationToken);
            return id;
        }
    }

    public async Task EnsureThingAsync(string thingName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingName);
        try
        {
            await CallAsync("CreateThing", () => _iot.CreateThingAsync(new CreateThingRequest { ThingName = thingName }, cancellationToken));
            IotCoreLog.ThingEnsured(_logger, thingName, created: true);
        }
        catch (AwsServiceException exception) when (exception.Is(AwsErrorCodes.ResourceAlreadyExists))
        {
            // The thing exists with other attributes; what the registry needs, its name, is there.
            IotCoreLog.ThingEnsured(_logger, thingName, created: false);
        }
    }

    /// <summary>Creates the policy when absent; an existing one is left as it is. Ensured names are remembered in-process.</summary>
    public async Task EnsurePolicyAsync(string policyName, string policyDocument, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(policyName);
        ArgumentException.ThrowIfNullOrEmpty(policyDocument);
        if (_ensuredPolicies.ContainsKey(policyName))
        {
            return;
        }

        var created = false;
        try
        {
            await CallAsync("GetPolicy", () => _iot.GetPolicyAsync(new GetPolicyRequest { PolicyName = policyName }, cancellationToken));
        }
        catch (AwsServiceException missing) when (missing.Is(AwsErrorCodes.ResourceNotFound))
        {
            try
            {
                await CallAsync("CreatePolicy", () => _iot.CreatePolicyAsync(
                    new CreatePolicyRequest { PolicyName = policyName, PolicyDocument = policyDocument }, cancellationToken));
                created = true;
            }
            catch (AwsServiceException raced) when (raced.Is(AwsErrorCodes.ResourceAlreadyExists))
            {
                // A concurrent creator (another instance, another request) won the race: same outcome.
            }
        }

        _ensuredPolicies.TryAdd(policyName, true);
        IotCoreLog.PolicyEnsured(_logger, policyName, created);
    }

    public async Task AttachPolicyAsync(string policyName, string certificateId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(policyName);
        var arn = await CertificateArnAsync(certificateId, $"policy '{policyName}'", cancellationToken);
        await CallAsync("AttachPolicy", () => _iot.AttachPolicyAsync(new AttachPolicyRequest { PolicyName = policyName, Target = arn }, cancellationToken));
        IotCoreLog.PolicyAttached(_logger, policyName, certificateId);
    }

    public async Task AttachThingPrincipalAsync(string thingName, string certificateId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(thingName);
        var arn = await CertificateArnAsync(certificateId, $"thing '{thingName}'", cancellationToken);
        await CallAsync("AttachThingPrincipal", () => _iot.AttachThingPrincipalAsync(
            new AttachThingPrincipalRequest { ThingName = thingName, Principal = arn }, cancellationToken));
        IotCoreLog.ThingPrincipalAttached(_logger, certificateId, thingName);
    }

    /// <summary>
    /// UpdateCertificate. False when AWS IoT does not know the certificate. REVOKED is final: making a
    /// revoked certificate ACTIVE or INACTIVE throws <see cref="InvalidOperationException"/>; revoking it again is fine.
    /// </summary>
    public async Task<bool> SetCertificateStatusAsync(string certificateId, CertificateStatus status, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificateId);
        try
        {
            await UpdateStatusAsync(certificateId, status, cancellationToken);
            return true;
        }
        catch (AwsServiceException exception) when (exception.Is(AwsErrorCodes.ResourceNotFound))
        {
            return false;
        }
    }

    /// <summary>The <c>iot:Data-ATS</c> endpoint as <c>host:port</c>, asked for once per registry (a failure is not cached).</summary>
    public async ValueTask<string> GetEndpointAsync(CancellationToken cancellationToken)
    {
        Task<string> endpoint;
        lock (_endpointGate)
        {
            if (_endpoint is null || _endpoint.IsFaulted || _endpoint.IsCanceled)
            {
                // Not the caller's token: the answer is shared by every caller waiting for it.
                _endpoint = DescribeEndpointAsync();
            }

            endpoint = _endpoint;
        }

        return await endpoint.WaitAsync(cancellationToken);
    }

    /// <summary>The AWS IoT certificate id: lowercase hex SHA-256 of the certificate's DER.</summary>
    public static string CertificateIdOf(ReadOnlySpan<byte> certificateDer) => CertificateIds.Of(certificateDer);

    private async Task<(string? Arn, string? Id)> RegisterWithCaAsync(string certificatePem, CancellationToken cancellationToken)
    {
        var response = await CallAsync("RegisterCertificate", () => _iot.RegisterCertificateAsync(
            new RegisterCertificateRequest
            {
                CertificatePem = certificatePem,
                CaCertificatePem = _caCertificatePem,
                SetAsActive = true,
                Status = IotCertificateStatuses.Active,
            },
            cancellationToken));
        return (response.CertificateArn, response.CertificateId);
    }

    private async Task<(string? Arn, string? Id)> RegisterWithoutCaAsync(string certificatePem, CancellationToken cancellationToken)
    {
        var response = await CallAsync("RegisterCertificateWithoutCA", () => _iot.RegisterCertificateWithoutCAAsync(
            new RegisterCertificateWithoutCARequest { CertificatePem = certificatePem, Status = IotCertificateStatuses.Active },
            cancellationToken));
        return (response.CertificateArn, response.CertificateId);
    }

    private async Task UpdateStatusAsync(string certificateId, CertificateStatus status, CancellationToken cancellationToken)
    {
        var newStatus = IotCertificateStatuses.Of(status);
        try
        {
            await CallAsync("UpdateCertificate", () => _iot.UpdateCertificateAsync(
                new UpdateCertificateRequest { CertificateId = certificateId, NewStatus = newStatus }, cancellationToken));
            IotCoreLog.StatusSet(_logger, certificateId, newStatus, changed: true);
        }
        catch (AwsServiceException exception) when (exception.Is(AwsErrorCodes.CertificateState))
        {
            if (status == CertificateStatus.Revoked && await DescribeStatusAsync(certificateId, cancellationToken) == IotCertificateStatuses.Revoked)
            {
                IotCoreLog.StatusSet(_logger, certificateId, newStatus, changed: false);
                return;
            }

            throw new InvalidOperationException(
                $"AWS IoT refused to make certificate '{certificateId}' {newStatus}: {exception.ServiceMessage} " +
                "(a REVOKED certificate cannot be made ACTIVE or INACTIVE again).",
                exception);
        }
    }

    private async Task<string?> DescribeStatusAsync(string certificateId, CancellationToken cancellationToken)
    {
        var description = await DescribeAsync(certificateId, cancellationToken);
        return description?.Status;
    }

    private async Task<IotCertificateDescription?> DescribeAsync(string certificateId, CancellationToken cancellationToken)
    {
        var response = await CallAsync("DescribeCertificate", () => _iot.DescribeCertificateAsync(
            new DescribeCertificateRequest { CertificateId = certificateId }, cancellationToken));
        if (response.CertificateDescription is { CertificateArn: { } arn })
        {
            RememberArn(certificateId, arn);
        }

        return response.CertificateDescription;
    }

    private async Task<string> CertificateArnAsync(string certificateId, string targetDescription, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificateId);
        if (_certificateArns.TryGetValue(certificateId, out var known))
        {
            return known;
        }

        try
        {
            return (await DescribeAsync(certificateId, cancellationToken))?.CertificateArn
                ?? throw new InvalidOperationException($"AWS IoT described certificate '{certificateId}' without an ARN.");
        }
        catch (AwsServiceException exception) when (exception.Is(AwsErrorCodes.ResourceNotFound))
        {
            throw new InvalidOperationException(
                $"Cannot attach {targetDescription} to certificate '{certificateId}': AWS IoT does not know it; register it first.", exception);
        }
    }

    private void RememberArn(string certificateId, string? arn)
    {
        if (arn is null)
        {
            return;
        }

        // Bounded: a long-running host must not keep every device's ARN; a miss costs one DescribeCertificate.
        if (_certificateArns.Count >= MaxCachedArns)
        {
            _certificateArns.Clear();
        }

        _certificateArns[certificateId] = arn;
    }

    private async Task<string> DescribeEndpointAsync()
    {
        var response = await CallAsync("DescribeEndpoint", () => _iot.DescribeEndpointAsync(
            new DescribeEndpointRequest { EndpointType = DataAtsEndpointType }, CancellationToken.None));
        var host = response.EndpointAddress is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException("AWS IoT DescribeEndpoint returned no endpointAddress.");
        var endpoint = $"{host}:{_options.EndpointPort}";
        IotCoreLog.EndpointResolved(_logger, endpoint);
        return endpoint;
    }

    private Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
        => IotFailures.GuardAsync(operation, _options.UnavailableRetryAfter, _logger, call);
}
