using System.Diagnostics.CodeAnalysis;
using Secretless.Core.Errors;

namespace Secretless.Core.Csr;

/// <summary>Either an inspected CSR or the refusal; never both.</summary>
public sealed class CsrInspection
{
    private CsrInspection(InspectedCsr? csr, ProvisioningError? error)
    {
        Csr = csr;
        Error = error;
    }

    public InspectedCsr? Csr { get; }

    public ProvisioningError? Error { get; }

    [MemberNotNullWhen(true, nameof(Csr))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Csr is not null;

    public static CsrInspection Accepted(InspectedCsr csr) => new(csr, null);

    public static CsrInspection Refused(ProvisioningError error) => new(null, error);
}
