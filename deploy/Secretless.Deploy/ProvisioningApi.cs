using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Secretless.Lambda.Gateway;

namespace Secretless.Deploy;

/// <summary>
/// The regional REST API: <c>POST /new</c> behind the REQUEST authorizer on the <c>device-csr</c>
/// header (no result cache: every CSR is checked), proxied to the issuer, and the gateway responses
/// of <see cref="GatewayResponses"/> so refusals API Gateway answers itself look like serve's.
/// </summary>
public sealed class ProvisioningApi : Construct
{
    public const string CsrHeader = "device-csr";

    public ProvisioningApi(Construct scope, string id, DeploymentSettings settings, ProvisioningFunctions functions)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(functions);
        var accessLogs = new LogGroup(this, "AccessLogs", new LogGroupProps
        {
            Retention = RetentionDays.ONE_MONTH,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        Api = new RestApi(this, "Api", new RestApiProps
        {
            RestApiName = $"{settings.Product}-provisioning",
            Description = "Secretless device provisioning (POST /new)",
            EndpointConfiguration = new EndpointConfiguration { Types = [EndpointType.REGIONAL] },
            // With a custom domain, devices use only that name (one TLS name, latency routing).
            DisableExecuteApiEndpoint = settings.HasDomain,
            CloudWatchRole = true,
            DeployOptions = new StageOptions
            {
                StageName = "prod",
                ThrottlingRateLimit = settings.ThrottleRate,
                ThrottlingBurstLimit = settings.ThrottleBurst,
                LoggingLevel = MethodLoggingLevel.ERROR,
                // Never log request data: the device-csr header is a CSR.
                DataTraceEnabled = false,
                AccessLogDestination = new LogGroupLogDestination(accessLogs),
                AccessLogFormat = AccessLogFormat.JsonWithStandardFields(new JsonWithStandardFieldProps
                {
                    Caller = false, HttpMethod = true, Ip = true, Protocol = true, RequestTime = true,
                    ResourcePath = true, ResponseLength = true, Status = true, User = true,
                }),
            },
        });

        Authorizer = new RequestAuthorizer(this, "DeviceAuthorizer", new RequestAuthorizerProps
        {
            AuthorizerName = "device-csr",
            Handler = functions.Authorizer,
            IdentitySources = [IdentitySource.Header(CsrHeader)],
            ResultsCacheTtl = Duration.Seconds(0),
        });

        var method = Api.Root.AddResource("new").AddMethod("POST", new LambdaIntegration(functions.Issuer, new LambdaIntegrationOptions
        {
            Proxy = true,
            Timeout = Duration.Seconds(29),
        }), new MethodOptions
        {
            Authorizer = Authorizer,
            AuthorizationType = AuthorizationType.CUSTOM,
        });

        foreach (var response in GatewayResponses.All)
        {
            _ = Api.AddGatewayResponse(response.ResponseType, new GatewayResponseOptions
            {
                Type = ResponseType_.Of(response.ResponseType),
                StatusCode = response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // API Gateway picks the template by content type and falls back to application/json;
                // the header then says what the body really is.
                Templates = new Dictionary<string, string> { ["application/json"] = response.BodyTemplate },
                ResponseHeaders = new Dictionary<string, string> { ["Content-Type"] = $"'{response.ContentType}'" },
            });
        }

        NagSuppressions.Suppress(Api, ("AwsSolutions-APIG2",
            "The only input is the device-csr header, which the REQUEST authorizer and the issuer parse and validate (400 problem bodies as serve answers); a request validator would answer API Gateway's own 400 instead."));
        NagSuppressions.Suppress(method, ("AwsSolutions-COG4",
            "Devices have no Cognito identity: they prove possession of the registered key with the CSR, checked by the Lambda REQUEST authorizer."));
        NagSuppressions.Suppress(Api.DeploymentStage, ("AwsSolutions-APIG3",
            "Stage throttling bounds the rate below the ACM PCA and IoT quotas; a WAF web ACL is an optional, account-specific addition (docs/deploy-aws.md)."));
        if (Api.Node.TryFindChild("CloudWatchRole") is { } cloudWatchRole)
        {
            NagSuppressions.Suppress(cloudWatchRole, ("AwsSolutions-IAM4",
                "AmazonAPIGatewayPushToCloudWatchLogs is the AWS-documented policy of API Gateway's account-level logging role, needed for the stage's access and error logs."));
        }
    }

    public RestApi Api { get; }

    public RequestAuthorizer Authorizer { get; }
}
