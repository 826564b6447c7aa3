namespace Secretless.Core.Policies;

/// <summary>
/// Values of the AWS IoT policy variables for one connection. A null or empty value means the
/// variable has no value: any resource that uses it never matches (as in AWS).
/// </summary>
/// <param name="ThingName">Value of <c>${iot:Connection.Thing.ThingName}</c>.</param>
/// <param name="ClientId">Value of <c>${iot:ClientId}</c>.</param>
public sealed record IotPolicyVariables(string? ThingName, string? ClientId);
