namespace Secretless.Core.Policies;

/// <summary>What one piece of a compiled policy pattern stands for.</summary>
internal enum PatternTokenKind
{
    /// <summary>Exact text (wildcard characters written as <c>${*}</c>/<c>${?}</c> are literal here).</summary>
    Literal = 0,

    /// <summary><c>*</c>: any run of characters, including none and including <c>/</c> and <c>:</c>.</summary>
    AnyRun = 1,

    /// <summary><c>?</c>: exactly one character.</summary>
    AnyChar = 2,

    /// <summary><c>${iot:Connection.Thing.ThingName}</c>, matched literally after substitution.</summary>
    ThingName = 3,

    /// <summary><c>${iot:ClientId}</c>, matched literally after substitution.</summary>
    ClientId = 4,
}
