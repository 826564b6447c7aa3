using Secretless.Aws.Http;

namespace Secretless.Aws.Iot;

/// <summary>
/// Parses successful AWS IoT responses (REST-JSON; unknown members ignored, JSON nulls read as
/// unset, epoch-second timestamps). Operations without output accept an empty body.
/// </summary>
public static class IotResponses
{
    public static CreateCertificateFromCsrResponse CreateCertificateFromCsr(AwsResponse response) => Parse(response, c => c.CreateCertificateFromCsrResponse);

    public static RegisterCertificateResponse RegisterCertificate(AwsResponse response) => Parse(response, c => c.RegisterCertificateResponse);

    public static RegisterCertificateWithoutCAResponse RegisterCertificateWithoutCA(AwsResponse response) => Parse(response, c => c.RegisterCertificateWithoutCAResponse);

    public static RegisterCACertificateResponse RegisterCACertificate(AwsResponse response) => Parse(response, c => c.RegisterCACertificateResponse);

    public static UpdateCACertificateResponse UpdateCACertificate(AwsResponse response) => Parse(response, c => c.UpdateCACertificateResponse);

    public static DescribeCertificateResponse DescribeCertificate(AwsResponse response) => Parse(response, c => c.DescribeCertificateResponse);

    public static UpdateCertificateResponse UpdateCertificate(AwsResponse response) => Parse(response, c => c.UpdateCertificateResponse);

    public static DeleteCertificateResponse DeleteCertificate(AwsResponse response) => Parse(response, c => c.DeleteCertificateResponse);

    public static CreateThingResponse CreateThing(AwsResponse response) => Parse(response, c => c.CreateThingResponse);

    public static DescribeThingResponse DescribeThing(AwsResponse response) => Parse(response, c => c.DescribeThingResponse);

    public static DeleteThingResponse DeleteThing(AwsResponse response) => Parse(response, c => c.DeleteThingResponse);

    public static CreatePolicyResponse CreatePolicy(AwsResponse response) => Parse(response, c => c.CreatePolicyResponse);

    public static GetPolicyResponse GetPolicy(AwsResponse response) => Parse(response, c => c.GetPolicyResponse);

    public static AttachPolicyResponse AttachPolicy(AwsResponse response) => Parse(response, c => c.AttachPolicyResponse);

    public static DetachPolicyResponse DetachPolicy(AwsResponse response) => Parse(response, c => c.DetachPolicyResponse);

    public static AttachThingPrincipalResponse AttachThingPrincipal(AwsResponse response) => Parse(response, c => c.AttachThingPrincipalResponse);

    public static DetachThingPrincipalResponse DetachThingPrincipal(AwsResponse response) => Parse(response, c => c.DetachThingPrincipalResponse);

    public static ListThingPrincipalsResponse ListThingPrincipals(AwsResponse response) => Parse(response, c => c.ListThingPrincipalsResponse);

    public static DescribeEndpointResponse DescribeEndpoint(AwsResponse response) => Parse(response, c => c.DescribeEndpointResponse);

    public static GetRegistrationCodeResponse GetRegistrationCode(AwsResponse response) => Parse(response, c => c.GetRegistrationCodeResponse);

    public static ListCertificatesByCAResponse ListCertificatesByCA(AwsResponse response) => Parse(response, c => c.ListCertificatesByCAResponse);

    private static T Parse<T>(AwsResponse response, Func<IotJsonContext, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(response);
        return IotJson.Deserialize(response.Body, typeInfo);
    }
}
