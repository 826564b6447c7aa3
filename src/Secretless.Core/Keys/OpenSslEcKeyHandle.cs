using Microsoft.Win32.SafeHandles;

namespace Secretless.Core.Keys;

/// <summary>
/// Owns one OpenSSL <c>EC_KEY</c> made by <see cref="OpenSslEcdsa"/>. A SafeHandle so a key whose
/// <see cref="VerificationKey"/> is never disposed (dropped from a cache without Dispose, or lost to
/// an exception) is still freed by the finalizer, and so a free cannot race a call in flight.
/// </summary>
internal sealed class OpenSslEcKeyHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public OpenSslEcKeyHandle(OpenSslLibcrypto library, nint ecKey)
        : base(ownsHandle: true)
    {
        Library = library;
        SetHandle(ecKey);
    }

    /// <summary>The library that made the key, and so the one that must use and free it.</summary>
    public OpenSslLibcrypto Library { get; }

    protected override unsafe bool ReleaseHandle()
    {
        Library.FreeEcKey(handle);
        return true;
    }
}
