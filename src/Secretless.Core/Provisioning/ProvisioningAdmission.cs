using System.Diagnostics.CodeAnalysis;
using Secretless.Core.Errors;

namespace Secretless.Core.Provisioning;

/// <summary>The first half of provisioning: either an admitted request or a refusal; never both.</summary>
public sealed class ProvisioningAdmission
{
    private ProvisioningAdmission(AdmittedProvisioningRequest? request, ProvisioningError? error)
    {
        Request = request;
        Error = error;
    }

    public AdmittedProvisioningRequest? Request { get; }

    public ProvisioningError? Error { get; }

    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Admitted => Request is not null;

    internal static ProvisioningAdmission Admit(AdmittedProvisioningRequest request) => new(request, null);

    internal static ProvisioningAdmission Refuse(ProvisioningError error) => new(null, error);
}
