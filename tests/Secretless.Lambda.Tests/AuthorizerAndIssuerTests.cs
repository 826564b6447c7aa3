using System.Text;
using Secretless.Core.Errors;
using Secretless.Lambda.Authorizer;
using Secretless.Lambda.Events;
using Secretless.Lambda.Gateway;

namespace Secretless.Lambda.Tests;

[Collection(AwsBackendsGroup.Name)]
public sealed class AuthorizerAndIssuerTests(AwsBackendsFixture aws) : IDisposable
{
    private readonly TemporaryDirectory _keys = new("secretless-lambda-keys");

    [Fact]
    public async Task AuthorizeAsync_RegisteredDeviceWithItsKey_AllowsInvokeOnTheMethodForTheDevice()
    {
        await using var functions = await InProcessFunctions.StartAsync(aws);
        var device = await DeviceKeyFixture.CreateAsync(_keys, "lambda-admitted-1", TestKeyKind.EcP256);
        await functions.ImportAsync(device);

        var answer = await functions.Authorizer.AuthorizeAsync(FunctionEvents.Authorizer(("Device-Csr", device.DeviceCsrHeader)), CancellationToken.None);

        Assert.Equal("lambda-admitted-1", answer.PrincipalId);
        var statement = Assert.Single(answer.PolicyDocument.Statement);
        Assert.Equal("2012-10-17", answer.PolicyDocument.Version);
        Assert.Equal(("execute-api:Invoke", "Allow", FunctionEvents.MethodArn), (statement.Action, statement.Effect, statement.Resource));
        Assert.Equal("lambda-admitted-1", answer.Context[GatewayResponses.DeviceIdKey]);
        Assert.False(answer.Context.ContainsKey(GatewayResponses.RefusalKey));
    }

    [Fact]
    public async Task AuthorizeAsync_KeyMismatch_DeniesAndTheAccessDeniedResponseRendersServesBody()
    {
        await using var functions = await InProcessFunctions.StartAsync(aws);
        var registered = await DeviceKeyFixture.CreateAsync(_keys, "lambda-mismatch-1", TestKeyKind.EcP256);
        var impostor = await DeviceKeyFixture.CreateAsync(_keys, "lambda-mismatch-1", TestKeyKind.EcP256);
        await functions.ImportAsync(registered);

        var answer = await functions.Authorizer.AuthorizeAsync(FunctionEvents.Authorizer(("device-csr", impostor.DeviceCsrHeader)), CancellationToken.None);
        using var serve = await functions.PostToServeAsync(("device-csr", impostor.DeviceCsrHeader));

        Assert.Equal("lambda-mismatch-1", answer.PrincipalId);
        Assert.Equal("Deny", Assert.Single(answer.PolicyDocument.Statement).Effect);
        // The detail quotes the device id: serve's encoder escapes the quotes (\u0027), and so must the context.
        Assert.Contains("\\u0027lambda-mismatch-1\\u0027", answer.Context[GatewayResponses.DetailKey], StringComparison.Ordinal);
        Assert.Equal(403, (int)serve.StatusCode);
        var rendered = GatewayTemplate.Render(GatewayResponses.Denied.BodyTemplate, answer.Context);
        Assert.Equal(await serve.Content.ReadAsStringAsync(), rendered);
    }

    [Fact]
    public async Task AuthorizeAsync_UnknownDevice_AllowsWithRefusalAndTheIssuerAnswersServes404()
    {
        await using var functions = await InProcessFunctions.StartAsync(aws);
        var stranger = await DeviceKeyFixture.CreateAsync(_keys, "lambda-unknown-1", TestKeyKind.EcP256);

        var answer = await functions.Authorizer.AuthorizeAsync(FunctionEvents.Authorizer(("device-csr", stranger.DeviceCsrHeader)), CancellationToken.None);
        var issued = await functions.Issuer.ProvisionAsync(
            FunctionEvents.Proxy(answer.PrincipalId, answer.Context, ("device-csr", stranger.DeviceCsrHeader)), CancellationToken.None);
        using var serve = await functions.PostToServeAsync(("device-csr", stranger.DeviceCsrHeader));

        Assert.Equal("Allow", Assert.Single(answer.PolicyDocument.Statement).Effect);
        Assert.Equal("true", answer.Context[GatewayResponses.RefusalKey]);
        Assert.Equal("404", answer.Context[GatewayResponses.StatusKey]);
        Assert.Equal((int)serve.StatusCode, issued.StatusCode);
        Assert.Equal(await serve.Content.ReadAsStringAsync(), issued.Body);
        Assert.Equal(serve.Content.Headers.ContentType?.ToString(), issued.Headers["Content-Type"]);
        Assert.Equal("no-store", issued.Headers["Cache-Control"]);
    }

    [Fact]
    public async Task ProvisionAsync_AdmittedDevice_200BodyIsServesAnswerToTheSameCsrByteForByte()
    {
        await using var functions = await InProcessFunctions.StartAsync(aws);
        var device = await DeviceKeyFixture.CreateAsync(_keys, "lambda-issued-1", TestKeyKind.EcP256);
        await functions.ImportAsync(device);

        var answer = await functions.Authorizer.AuthorizeAsync(FunctionEvents.Authorizer(("device-csr", device.DeviceCsrHeader)), CancellationToken.None);
        var issued = await functions.Issuer.ProvisionAsync(
            FunctionEvents.Proxy(answer.PrincipalId, answer.Context, ("device-csr", device.DeviceCsrHeader)), CancellationToken.None);
        // serve shares the ledger: the same CSR is answered with the certificate the issuer got.
        using var serve = await functions.PostToServeAsync(("device-csr", device.DeviceCsrHeader));

        Assert.Equal(200, issued.StatusCode);
        Assert.Equal(200, (int)serve.StatusCode);
        Assert.Equal(await serve.Content.ReadAsByteArrayAsync(), Encoding.UTF8.GetBytes(issued.Body));
        Assert.Equal(serve.Content.Headers.ContentType?.ToString(), issued.Headers["Content-Type"]);
        Assert.Contains("-----BEGIN CERTIFICATE-----", issued.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionAsync_TwoCsrHeaders_AnswersServes400()
    {
        await using var functions = await InProcessFunctions.StartAsync(aws);
        var device = await DeviceKeyFixture.CreateAsync(_keys, "lambda-twice-1", TestKeyKind.EcP256);

        var issued = await functions.Issuer.ProvisionAsync(
            FunctionEvents.Proxy("lambda-twice-1", AuthorizerContext.Admitted("lambda-twice-1"), ("device-csr", device.DeviceCsrHeader), ("device-csr", device.DeviceCsrHeader)),
            CancellationToken.None);

        // serve's answer (ProvisioningHandler) to two header lines; HttpClient would fold them into one.
        var serves = ProblemBody.Serialize(ProvisioningErrors.CsrMalformed("The request carries 2 device-csr headers; send exactly one."));
        Assert.Equal(400, issued.StatusCode);
        Assert.Equal(Encoding.UTF8.GetString(serves), issued.Body);
        Assert.Equal("application/problem+json", issued.Headers["Content-Type"]);
    }

    [Fact]
    public async Task ProvisionAsync_DeviceAsksForUrl_202WithS3LocationServingThe200Body()
    {
        await using var functions = await InProcessFunctions.StartAsync(aws);
        var device = await DeviceKeyFixture.CreateAsync(_keys, "lambda-latent-1", TestKeyKind.EcP256);
        await functions.ImportAsync(device);

        var issued = await functions.Issuer.ProvisionAsync(
            FunctionEvents.Proxy("lambda-latent-1", AuthorizerContext.Admitted("lambda-latent-1"), ("device-csr", device.DeviceCsrHeader), ("device-delivery", "url")),
            CancellationToken.None);
        using var body = System.Text.Json.JsonDocument.Parse(issued.Body);
        var url = body.RootElement.GetProperty("certificateUrl").GetString()!;
        using var http = new HttpClient();
        var payload = await http.GetStringAsync(new Uri(url));
        using var serve = await functions.PostToServeAsync(("device-csr", device.DeviceCsrHeader));

        Assert.Equal(202, issued.StatusCode);
        Assert.Equal(url, issued.Headers["Location"]);
        Assert.True(new Uri(url).IsAbsoluteUri);
        Assert.Equal(await serve.Content.ReadAsStringAsync(), payload);
    }

    [Fact]
    public async Task ProvisionAsync_AcmPcaThrottled_AnswersServes503WithRetryAfter()
    {
        await using var functions = await InProcessFunctions.StartAsync(aws);
        var device = await DeviceKeyFixture.CreateAsync(_keys, "lambda-throttled-1", TestKeyKind.EcP256);
        await functions.ImportAsync(device);
        // Every attempt (the issuer's MaxAttempts, 3) of one request is throttled.
        aws.Aws.FailNext("IssueCertificate", "ThrottlingException", 3);

        var issued = await functions.Issuer.ProvisionAsync(
            FunctionEvents.Proxy("lambda-throttled-1", AuthorizerContext.Admitted("lambda-throttled-1"), ("device-csr", device.DeviceCsrHeader)),
            CancellationToken.None);
        aws.Aws.FailNext("IssueCertificate", "ThrottlingException", 3);
        using var serve = await functions.PostToServeAsync(("device-csr", device.DeviceCsrHeader));

        Assert.Equal(503, issued.StatusCode);
        Assert.Equal((int)serve.StatusCode, issued.StatusCode);
        Assert.Equal(await serve.Content.ReadAsStringAsync(), issued.Body);
        Assert.Equal(serve.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), issued.Headers["Retry-After"]);
    }

    [Fact]
    public void DeniedTemplate_AuthorizerContextOfA403_RendersTheCoreProblemBody()
    {
        var error = ProvisioningErrors.DeviceDisabled("dev<'\"&>ice");
        var context = AuthorizerContext.Refused(error, passToIssuer: false);

        var rendered = GatewayTemplate.Render(GatewayResponses.Denied.BodyTemplate, context);

        Assert.Equal(Encoding.UTF8.GetString(ProblemBody.Serialize(error)), rendered);
    }

    public void Dispose() => _keys.Dispose();
}
