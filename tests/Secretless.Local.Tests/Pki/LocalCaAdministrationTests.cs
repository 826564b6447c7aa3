using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Secretless.Local.Pki;
using Secretless.Local.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.Pki;

public sealed class LocalCaAdministrationTests : IDisposable
{
    private readonly CaRotationEnvironment _environment = new();

    public void Dispose() => _environment.Dispose();

    [Fact]
    public void Rotate_InitializedPki_NewIssuerIsActiveAndPreviousRetired()
    {
        var firstId = _environment.Pki.ActiveIssuerId;

        var rotation = LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);

        Assert.Equal(firstId, rotation.PreviousIssuerId);
        Assert.NotEqual(firstId, rotation.ActiveIssuerId);
        Assert.Contains("Secretless Local Issuing CA 2", rotation.Subject, StringComparison.Ordinal);
        var (issuers, activeId) = LocalCaAdministration.List(_environment.DataDirectory);
        Assert.Equal(rotation.ActiveIssuerId, activeId);
        Assert.Equal([(firstId, "retired"), (rotation.ActiveIssuerId, "active")], issuers.Select(issuer => (issuer.Id, issuer.Status)));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite,
            PkiAssertions.ModeOf(_environment.PkiFile("intermediate-2.key")));
        using var chainIssuer = X509Certificate2.CreateFromPem(File.ReadAllText(_environment.PkiFile("ca-chain.pem")));
        Assert.Equal(rotation.Subject, chainIssuer.Subject);
        using var manifest = JsonDocument.Parse(File.ReadAllText(_environment.PkiFile("pki.json")));
        Assert.Equal(1, manifest.RootElement.GetProperty("format").GetInt32());
        Assert.Equal(2, manifest.RootElement.GetProperty("rootCrlNumber").GetInt64());
    }

    [Fact]
    public async Task Rotate_NewIssuer_ChainsToTheRootWithOpenSsl()
    {
        LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);

        var output = await OpenSsl.RunAsync(
            ["verify", "-CAfile", _environment.PkiFile("root.crt"), _environment.PkiFile("intermediate-2.crt")], _environment.Temporary.Path);

        Assert.Contains(": OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_FourConcurrentCallers_SerializeIntoDistinctIssuers()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);
        })).ToArray();

        start.SetResult();
        var rotations = await Task.WhenAll(callers);

        var (issuers, activeId) = LocalCaAdministration.List(_environment.DataDirectory);
        Assert.Equal([1, 2, 3, 4, 5], issuers.Select(issuer => issuer.Ordinal));
        Assert.Single(issuers, issuer => issuer.Status == "active");
        Assert.Equal(5, rotations.Select(rotation => rotation.ActiveIssuerId).Append(_environment.Pki.ActiveIssuerId).Distinct().Count());
        // Each rotation retired exactly the issuer the previous one activated: no lost update.
        Assert.Equal(4, rotations.Select(rotation => rotation.PreviousIssuerId).Distinct().Count());
        Assert.Contains(activeId, rotations.Select(rotation => rotation.ActiveIssuerId));
    }

    [Fact]
    public void Revoke_ActiveIssuer_RefusedWithRotateFirst()
    {
        var error = Assert.Throws<ActiveIssuerRevocationException>(
            () => LocalCaAdministration.Revoke(_environment.DataDirectory, _environment.Pki.ActiveIssuerId, TimeProvider.System));

        Assert.Contains("ca rotate", error.Message, StringComparison.Ordinal);
        Assert.All(LocalCaAdministration.List(_environment.DataDirectory).Issuers, issuer => Assert.Equal("active", issuer.Status));
    }

    [Fact]
    public void Revoke_UnknownId_ThrowsNotFound()
    {
        Assert.Throws<LocalIssuerNotFoundException>(
            () => LocalCaAdministration.Revoke(_environment.DataDirectory, "ica-00000000", TimeProvider.System));
    }

    [Fact]
    public void Revoke_Twice_SecondCallSaysAlreadyRevoked()
    {
        var rotation = LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);

        var first = LocalCaAdministration.Revoke(_environment.DataDirectory, rotation.PreviousIssuerId, TimeProvider.System);
        var second = LocalCaAdministration.Revoke(_environment.DataDirectory, rotation.PreviousIssuerId, TimeProvider.System);

        Assert.False(first.AlreadyRevoked);
        Assert.True(second.AlreadyRevoked);
        Assert.Equal(first.RevokedAt, second.RevokedAt);
        Assert.Equal(_environment.Pki.IssuingCertificate.Subject, first.IssuerSubject);
        var revoked = Assert.Single(LocalCaAdministration.List(_environment.DataDirectory).Issuers, issuer => issuer.Status == "revoked");
        Assert.Equal(first.RevokedAt, revoked.RevokedAt);
    }

    [Fact]
    public async Task Revoke_RetiredIssuer_RootCrlListsItAndOpenSslRefusesIt()
    {
        var rotation = LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);
        LocalCaAdministration.Revoke(_environment.DataDirectory, rotation.PreviousIssuerId, TimeProvider.System);
        var crlPem = _environment.Temporary.File("root-crl.pem");
        await OpenSsl.RunAsync(["crl", "-inform", "DER", "-in", _environment.PkiFile("root.crl"), "-out", crlPem], _environment.Temporary.Path);

        var crlText = await OpenSsl.RunVerifyingCrlAsync(
            ["crl", "-in", crlPem, "-noout", "-text", "-verify", "-CAfile", _environment.PkiFile("root.crt")], _environment.Temporary.Path);
        var verify = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenSsl.RunAsync(
            ["verify", "-crl_check", "-CAfile", _environment.PkiFile("root.crt"), "-CRLfile", crlPem, _environment.PkiFile("intermediate.crt")],
            _environment.Temporary.Path));

        Assert.Contains(_environment.Pki.IssuingCertificate.SerialNumber, crlText.Replace(":", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("CRL Number", crlText, StringComparison.Ordinal);
        Assert.Contains("revoked", verify.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Initialize_RootCrl_IsEmptyAndVerifiesAgainstTheRoot()
    {
        var crlText = await OpenSsl.RunVerifyingCrlAsync(
            ["crl", "-inform", "DER", "-in", _environment.PkiFile("root.crl"), "-noout", "-text", "-verify", "-CAfile", _environment.PkiFile("root.crt")],
            _environment.Temporary.Path);

        Assert.Contains("No Revoked Certificates", crlText, StringComparison.Ordinal);
    }
}
