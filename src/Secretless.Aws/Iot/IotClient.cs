using Secretless.Aws.Http;

namespace Secretless.Aws.Iot;

/// <summary>
/// A thin typed client for the AWS IoT control-plane operations Secretless uses: each call is built
/// by <see cref="IotRequests"/>, signed, sent and retried by <see cref="AwsServiceClient"/> and parsed by
/// <see cref="IotResponses"/>. Errors surface as <see cref="AwsServiceException"/>.
/// </summary>
public sealed class IotClient
{
    private readonly AwsServiceClient _client;

    public IotClient(AwsServiceClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    public AwsServiceEndpoint Endpoint => _client.Endpoint;

    public async Task<CreateCertificateFromCsrResponse> CreateCertificateFromCsrAsync(CreateCertificateFromCsrRequest request, CancellationToken cancellationToken)
        => IotResponses.CreateCertificateFromCsr(await _client.SendAsync(IotRequests.CreateCertificateFromCsr(request), cancellationToken));

    public async Task<RegisterCertificateResponse> RegisterCertificateAsync(RegisterCertificateRequest request, CancellationToken cancellationToken)
        => IotResponses.RegisterCertificate(await _client.SendAsync(IotRequests.RegisterCertificate(request), cancellationToken));

    public async Task<RegisterCertificateWithoutCAResponse> RegisterCertificateWithoutCAAsync(RegisterCertificateWithoutCARequest request, CancellationToken cancellationToken)
        => IotResponses.RegisterCertificateWithoutCA(await _client.SendAsync(IotRequests.RegisterCertificateWithoutCA(request), cancellationToken));

    public async Task<RegisterCACertificateResponse> RegisterCACertificateAsync(RegisterCACertificateRequest request, CancellationToken cancellationToken)
        => IotResponses.RegisterCACertificate(await _client.SendAsync(IotRequests.RegisterCACertificate(request), cancellationToken));

    public async Task<UpdateCACertificateResponse> UpdateCACertificateAsync(UpdateCACertificateRequest request, CancellationToken cancellationToken)
        => IotResponses.UpdateCACertificate(await _client.SendAsync(IotRequests.UpdateCACertificate(request), cancellationToken));

    public async Task<DescribeCertificateResponse> DescribeCertificateAsync(DescribeCertificateRequest request, CancellationToken cancellationToken)
        => IotResponses.DescribeCertificate(await _client.SendAsync(IotRequests.DescribeCertificate(request), cancellationToken));

    public async Task<UpdateCertificateResponse> UpdateCertificateAsync(UpdateCertificateRequest request, CancellationToken cancellationToken)
        => IotResponses.UpdateCertificate(await _client.SendAsync(IotRequests.UpdateCertificate(request), cancellationToken));

    public async Task<DeleteCertificateResponse> DeleteCertificateAsync(DeleteCertificateRequest request, CancellationToken cancellationToken)
        => IotResponses.DeleteCertificate(await _client.SendAsync(IotRequests.DeleteCertificate(request), cancellationToken));

    public async Task<CreateThingResponse> CreateThingAsync(CreateThingRequest request, CancellationToken cancellationToken)
        => IotResponses.CreateThing(await _client.SendAsync(IotRequests.CreateThing(request), cancellationToken));

    public async Task<DescribeThingResponse> DescribeThingAsync(DescribeThingRequest request, CancellationToken cancellationToken)
        => IotResponses.DescribeThing(await _client.SendAsync(IotRequests.DescribeThing(request), cancellationToken));

    public async Task<DeleteThingResponse> DeleteThingAsync(DeleteThingRequest request, CancellationToken cancellationToken)
        => IotResponses.DeleteThing(await _client.SendAsync(IotRequests.DeleteThing(request), cancellationToken));

    public async Task<CreatePolicyResponse> CreatePolicyAsync(CreatePolicyRequest request, CancellationToken cancellationToken)
        => IotResponses.CreatePolicy(await _client.SendAsync(IotRequests.CreatePolicy(request), cancellationToken));

    public async Task<GetPolicyResponse> GetPolicyAsync(GetPolicyRequest request, CancellationToken cancellationToken)
        => IotResponses.GetPolicy(await _client.SendAsync(IotRequests.GetPolicy(request), cancellationToken));

    public async Task<AttachPolicyResponse> AttachPolicyAsync(AttachPolicyRequest request, CancellationToken cancellationToken)
        => IotResponses.AttachPolicy(await _client.SendAsync(IotRequests.AttachPolicy(request), cancellationToken));

    public async Task<DetachPolicyResponse> DetachPolicyAsync(DetachPolicyRequest request, CancellationToken cancellationToken)
        => IotResponses.DetachPolicy(await _client.SendAsync(IotRequests.DetachPolicy(request), cancellationToken));

    public async Task<AttachThingPrincipalResponse> AttachThingPrincipalAsync(AttachThingPrincipalRequest request, CancellationToken cancellationToken)
        => IotResponses.AttachThingPrincipal(await _client.SendAsync(IotRequests.AttachThingPrincipal(request), cancellationToken));

    public async Task<DetachThingPrincipalResponse> DetachThingPrincipalAsync(DetachThingPrincipalRequest request, CancellationToken cancellationToken)
        => IotResponses.DetachThingPrincipal(await _client.SendAsync(IotRequests.DetachThingPrincipal(request), cancellationToken));

    public async Task<ListThingPrincipalsResponse> ListThingPrincipalsAsync(ListThingPrincipalsRequest request, CancellationToken cancellationToken)
        => IotResponses.ListThingPrincipals(await _client.SendAsync(IotRequests.ListThingPrincipals(request), cancellationToken));

    public async Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request, CancellationToken cancellationToken)
        => IotResponses.DescribeEndpoint(await _client.SendAsync(IotRequests.DescribeEndpoint(request), cancellationToken));

    public async Task<GetRegistrationCodeResponse> GetRegistrationCodeAsync(GetRegistrationCodeRequest request, CancellationToken cancellationToken)
        => IotResponses.GetRegistrationCode(await _client.SendAsync(IotRequests.GetRegistrationCode(request), cancellationToken));

    public async Task<ListCertificatesByCAResponse> ListCertificatesByCAAsync(ListCertificatesByCARequest request, CancellationToken cancellationToken)
        => IotResponses.ListCertificatesByCA(await _client.SendAsync(IotRequests.ListCertificatesByCA(request), cancellationToken));
}
