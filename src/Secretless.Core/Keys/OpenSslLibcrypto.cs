using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Secretless.Core.Keys;

/// <summary>
/// The few libcrypto 3 exports the native ECDSA path calls, resolved once from the libcrypto that
/// .NET's own OpenSSL shim already loaded (dlopen of the same soname returns that handle). Calls go
/// through unmanaged function pointers: no marshalling stubs, AOT-safe, and a missing export
/// (a future OpenSSL without the EC_KEY API) simply means "not available" instead of a crash at the
/// first call.
/// </summary>
internal sealed unsafe class OpenSslLibcrypto
{
    /// <summary>The soname .NET's shim loads on OpenSSL 3 systems.</summary>
    private const string LibraryName = "libcrypto.so.3";

    // NID_X9_62_prime256v1 and NID_secp384r1 (openssl/obj_mac.h; stable since OpenSSL 0.9.8).
    private const int NidP256 = 415;
    private const int NidP384 = 715;

    private OpenSslLibcrypto(nint library)
    {
        NewEcKey = (delegate* unmanaged<nint>)Export(library, "EC_KEY_new");
        SetEcKeyGroup = (delegate* unmanaged<nint, nint, int>)Export(library, "EC_KEY_set_group");
        DecodeEcPublicKey = (delegate* unmanaged<nint*, byte**, CLong, nint>)Export(library, "o2i_ECPublicKey");
        VerifyEcdsa = (delegate* unmanaged<int, byte*, int, byte*, int, nint, int>)Export(library, "ECDSA_verify");
        FreeEcKey = (delegate* unmanaged<nint, void>)Export(library, "EC_KEY_free");
        ClearErrors = (delegate* unmanaged<void>)Export(library, "ERR_clear_error");
        PeekError = (delegate* unmanaged<CULong>)Export(library, "ERR_peek_error");
    }

    /// <summary><c>EC_KEY *EC_KEY_new(void)</c>.</summary>
    public delegate* unmanaged<nint> NewEcKey { get; }

    /// <summary><c>int EC_KEY_set_group(EC_KEY *key, const EC_GROUP *group)</c>: copies the group into the key.</summary>
    public delegate* unmanaged<nint, nint, int> SetEcKeyGroup { get; }

    /// <summary><c>EC_KEY *o2i_ECPublicKey(EC_KEY **key, const unsigned char **in, long len)</c>.</summary>
    public delegate* unmanaged<nint*, byte**, CLong, nint> DecodeEcPublicKey { get; }

    /// <summary><c>int ECDSA_verify(int type, const unsigned char *dgst, int dgstlen, const unsigned char *sig, int siglen, EC_KEY *key)</c>.</summary>
    public delegate* unmanaged<int, byte*, int, byte*, int, nint, int> VerifyEcdsa { get; }

    /// <summary><c>void EC_KEY_free(EC_KEY *key)</c>.</summary>
    public delegate* unmanaged<nint, void> FreeEcKey { get; }

    /// <summary><c>void ERR_clear_error(void)</c>: the error queue is per thread and shared with .NET's shim.</summary>
    public delegate* unmanaged<void> ClearErrors { get; }

    /// <summary><c>unsigned long ERR_peek_error(void)</c>: 0 when this thread's error queue is empty (tests check it).</summary>
    public delegate* unmanaged<CULong> PeekError { get; }

    /// <summary>
    /// The P-256 <c>EC_GROUP</c>, built once. Building a group (<c>EC_KEY_new_by_curve_name</c>) is
    /// most of the cost of a key import (about 30 µs against 2 µs for copying a built one into a key
    /// with EC_KEY_set_group); the copy only reads this group, so threads share it safely. Never freed:
    /// it lives as long as the process.
    /// </summary>
    public nint P256Group { get; private set; }

    /// <summary>The P-384 <c>EC_GROUP</c>, as <see cref="P256Group"/>.</summary>
    public nint P384Group { get; private set; }

    /// <summary>
    /// The library when every condition holds, else null (the caller then uses .NET's path):
    /// Linux, libcrypto.so.3 loadable with every export, major version 3 and the very version .NET's
    /// shim reports (so both sides use one library), and FIPS mode off (the EC_KEY functions bypass
    /// the FIPS provider, so a FIPS-configured host keeps the provider-based .NET path).
    /// </summary>
    public static OpenSslLibcrypto? TryLoad()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(LibraryName, out var library))
        {
            return null;
        }

        // The library stays loaded for the process lifetime: .NET's shim holds it anyway.
        try
        {
            if (!NativeLibrary.TryGetExport(library, "OpenSSL_version_num", out var versionExport)
                || !NativeLibrary.TryGetExport(library, "EVP_default_properties_is_fips_enabled", out var fipsExport))
            {
                return null;
            }

            var version = (long)((delegate* unmanaged<CULong>)versionExport)().Value;
            if (version >> 28 != 3 || version != SafeEvpPKeyHandle.OpenSslVersion)
            {
                return null;
            }

            if (((delegate* unmanaged<nint, int>)fipsExport)(0) != 0)
            {
                return null;
            }

            var loaded = new OpenSslLibcrypto(library);
            var newGroup = (delegate* unmanaged<int, nint>)Export(library, "EC_GROUP_new_by_curve_name");
            loaded.P256Group = newGroup(NidP256);
            loaded.P384Group = newGroup(NidP384);
            if (loaded.P256Group == 0 || loaded.P384Group == 0)
            {
                // Leaks at most one group, once per process, on a host that then uses .NET's path.
                loaded.ClearErrors();
                return null;
            }

            return loaded;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or PlatformNotSupportedException or CryptographicException)
        {
            // A missing export, or .NET not on OpenSSL after all: this runs in a static initializer,
            // where a throw would break every key import instead of falling back.
            return null;
        }
    }

    private static nint Export(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? address
            : throw new EntryPointNotFoundException($"{LibraryName} does not export {name}.");
}
