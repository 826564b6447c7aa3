namespace Secretless.Core.Issuance;

public enum IssuanceState
{
    /// <summary>Recorded; the CA has not answered yet.</summary>
    Pending = 0,

    /// <summary>The CA issued; registration may not be finished.</summary>
    Issued = 1,

    /// <summary>Registered and answerable.</summary>
    Completed = 2,
}
