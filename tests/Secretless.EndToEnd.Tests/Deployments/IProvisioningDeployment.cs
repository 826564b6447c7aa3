namespace Secretless.EndToEnd.Tests.Deployments;

/// <summary>
/// One way of running <c>secretless serve</c> (the embedded default, or AWS backends on emulators),
/// started as a real process and chosen by configuration alone. The provisioning suite runs the
/// same tests against every stack.
/// </summary>
public interface IProvisioningDeployment : IAsyncLifetime
{
    /// <summary>The provisioning service, e.g. <c>https://127.0.0.1:41234/</c>.</summary>
    Uri ServerUrl { get; }

    /// <summary>PEM file that makes the server's TLS certificate trusted (curl --cacert).</summary>
    string ServerCaPath { get; }

    /// <summary>The <c>endpoint</c> devices must be told.</summary>
    string ExpectedEndpoint { get; }

    /// <summary>The name of the policy the service attaches to every certificate.</summary>
    string PolicyName { get; }

    /// <summary>Scratch space for device keys and CSRs, deleted with the stack.</summary>
    TemporaryDirectory Scratch { get; }

    /// <summary>Imports devices with <c>secretless devices import</c> into the stack's directory.</summary>
    Task ImportAsync(IReadOnlyList<DeviceKeyFixture> devices);

    /// <summary>The thing as registered in the stack's registry, or null.</summary>
    Task<RegisteredThingView?> FindThingAsync(string thingName);

    /// <summary>How many certificates the stack's CA has issued so far.</summary>
    Task<int> CountIssuedAsync();
}
