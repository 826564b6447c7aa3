using System.Text.Json;
using Secretless.Aws.Http;
using Secretless.Aws.Iot;

namespace Secretless.Aws.Tests.Iot;

/// <summary>
/// Drives <see cref="IotRequests"/> and <see cref="IotResponses"/> from a captured fixture: the
/// fixture's SDK <c>input</c> is read into our request record by its (identical) member names.
/// </summary>
internal static class IotFixtureOperations
{
    private static readonly JsonSerializerOptions InputOptions = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, (Func<JsonElement, AwsRequest> Build, Func<AwsResponse, object> Parse)> Operations = new()
    {
        ["CreateCertificateFromCsr"] = (i => IotRequests.CreateCertificateFromCsr(Input<CreateCertificateFromCsrRequest>(i)), r => IotResponses.CreateCertificateFromCsr(r)),
        ["RegisterCertificate"] = (i => IotRequests.RegisterCertificate(Input<RegisterCertificateRequest>(i)), r => IotResponses.RegisterCertificate(r)),
        ["RegisterCertificateWithoutCA"] = (i => IotRequests.RegisterCertificateWithoutCA(Input<RegisterCertificateWithoutCARequest>(i)), r => IotResponses.RegisterCertificateWithoutCA(r)),
        ["RegisterCACertificate"] = (i => IotRequests.RegisterCACertificate(Input<RegisterCACertificateRequest>(i)), r => IotResponses.RegisterCACertificate(r)),
        ["UpdateCACertificate"] = (i => IotRequests.UpdateCACertificate(Input<UpdateCACertificateRequest>(i)), r => IotResponses.UpdateCACertificate(r)),
        ["DescribeCertificate"] = (i => IotRequests.DescribeCertificate(Input<DescribeCertificateRequest>(i)), r => IotResponses.DescribeCertificate(r)),
        ["UpdateCertificate"] = (i => IotRequests.UpdateCertificate(Input<UpdateCertificateRequest>(i)), r => IotResponses.UpdateCertificate(r)),
        ["DeleteCertificate"] = (i => IotRequests.DeleteCertificate(Input<DeleteCertificateRequest>(i)), r => IotResponses.DeleteCertificate(r)),
        ["CreateThing"] = (i => IotRequests.CreateThing(Input<CreateThingRequest>(i)), r => IotResponses.CreateThing(r)),
        ["DescribeThing"] = (i => IotRequests.DescribeThing(Input<DescribeThingRequest>(i)), r => IotResponses.DescribeThing(r)),
        ["DeleteThing"] = (i => IotRequests.DeleteThing(Input<DeleteThingRequest>(i)), r => IotResponses.DeleteThing(r)),
        ["CreatePolicy"] = (i => IotRequests.CreatePolicy(Input<CreatePolicyRequest>(i)), r => IotResponses.CreatePolicy(r)),
        ["GetPolicy"] = (i => IotRequests.GetPolicy(Input<GetPolicyRequest>(i)), r => IotResponses.GetPolicy(r)),
        ["AttachPolicy"] = (i => IotRequests.AttachPolicy(Input<AttachPolicyRequest>(i)), r => IotResponses.AttachPolicy(r)),
        ["DetachPolicy"] = (i => IotRequests.DetachPolicy(Input<DetachPolicyRequest>(i)), r => IotResponses.DetachPolicy(r)),
        ["AttachThingPrincipal"] = (i => IotRequests.AttachThingPrincipal(Input<AttachThingPrincipalRequest>(i)), r => IotResponses.AttachThingPrincipal(r)),
        ["DetachThingPrincipal"] = (i => IotRequests.DetachThingPrincipal(Input<DetachThingPrincipalRequest>(i)), r => IotResponses.DetachThingPrincipal(r)),
        ["ListThingPrincipals"] = (i => IotRequests.ListThingPrincipals(Input<ListThingPrincipalsRequest>(i)), r => IotResponses.ListThingPrincipals(r)),
        ["DescribeEndpoint"] = (i => IotRequests.DescribeEndpoint(Input<DescribeEndpointRequest>(i)), r => IotResponses.DescribeEndpoint(r)),
        ["GetRegistrationCode"] = (i => IotRequests.GetRegistrationCode(Input<GetRegistrationCodeRequest>(i)), r => IotResponses.GetRegistrationCode(r)),
        ["ListCertificatesByCA"] = (i => IotRequests.ListCertificatesByCA(Input<ListCertificatesByCARequest>(i)), r => IotResponses.ListCertificatesByCA(r)),
    };

    public static IReadOnlyCollection<string> Names => Operations.Keys;

    public static AwsRequest Build(string operation, JsonElement input) => Operations[operation].Build(input);

    public static object Parse(string operation, AwsResponse response) => Operations[operation].Parse(response);

    private static T Input<T>(JsonElement input) => input.Deserialize<T>(InputOptions)!;
}
