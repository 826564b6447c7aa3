using Amazon.CDK;

namespace Secretless.Deploy;

/// <summary>
/// Builds the whole deployment: <c>&lt;product&gt;-data</c> (global tables, primary region), one
/// <c>&lt;product&gt;-&lt;region&gt;</c> per region, and with a domain <c>&lt;product&gt;-global</c> (latency records).
/// </summary>
public sealed class SecretlessApp
{
    private SecretlessApp(App app, DeploymentSettings settings, DataStack data, IReadOnlyList<RegionalStack> regional, GlobalStack? global)
    {
        App = app;
        Settings = settings;
        Data = data;
        Regional = regional;
        Global = global;
    }

    public App App { get; }

    public DeploymentSettings Settings { get; }

    public DataStack Data { get; }

    public IReadOnlyList<RegionalStack> Regional { get; }

    public GlobalStack? Global { get; }

    /// <summary>The output folder: <c>CDK_OUTDIR</c> (the CDK CLI sets it), else deploy/cdk.out.</summary>
    public static string DefaultOutdir() =>
        System.Environment.GetEnvironmentVariable("CDK_OUTDIR") is { Length: > 0 } outdir
            ? outdir
            : Path.Combine(RepositoryRoot.Find(), "deploy", "cdk.out");

    public static SecretlessApp Build(string outdir, IDictionary<string, object>? context = null)
    {
        var app = new App(new AppProps { Outdir = outdir, Context = context });
        var settings = DeploymentSettings.FromContext(app);
        var asset = LambdaAsset.Resolve(settings.LambdaAsset);
        // Account from the CLI's credentials when there are any; otherwise environment-agnostic.
        var account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT");
        StackProps In(string region, string description) => new()
        {
            Env = new Amazon.CDK.Environment { Region = region, Account = account },
            Description = description,
        };

        var data = new DataStack(app, $"{settings.Product}-data", settings,
            In(settings.PrimaryRegion, "Secretless: device directory and issuance ledger (DynamoDB global tables)"));
        List<RegionalStack> regional = [];
        foreach (var region in settings.Regions)
        {
            var stack = new RegionalStack(app, $"{settings.Product}-{region}", settings, asset,
                In(region, $"Secretless: provisioning API and functions in {region}"));
            stack.AddDependency(data, "the functions read and write the tables' local replica");
            regional.Add(stack);
        }

        GlobalStack? global = null;
        if (settings.HasDomain)
        {
            global = new GlobalStack(app, $"{settings.Product}-global", settings,
                In(settings.PrimaryRegion, $"Secretless: {settings.DomainName} with latency routing"));
            foreach (var stack in regional)
            {
                global.AddDependency(stack, "latency records alias each region's record");
            }
        }

        return new SecretlessApp(app, settings, data, regional, global);
    }
}
