using Secretless.Core.Issuance;

namespace Secretless.Core.Tests.TestDoubles;

/// <summary>Issuance ledger double (the durable one is SQLite, in Secretless.Local).</summary>
internal sealed class InMemoryIssuanceLedger : IIssuanceLedger
{
    private readonly Dictionary<IssuanceKey, IssuanceRecord> _records = [];

    public Task<IssuanceRecord> BeginAsync(IssuanceKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            if (!_records.TryGetValue(key, out var record))
            {
                record = new IssuanceRecord(key, IssuanceState.Pending, null, null, now, null);
                _records.Add(key, record);
            }

            return Task.FromResult(record);
        }
    }

    public Task RecordIssuedAsync(IssuanceKey key, IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            // First writer wins, as in the durable ledgers: a racing second certificate is not recorded.
            if (_records[key].State == IssuanceState.Pending)
            {
                _records[key] = _records[key] with { State = IssuanceState.Issued, Certificate = certificate };
            }
        }

        return Task.CompletedTask;
    }

    public Task CompleteAsync(IssuanceKey key, string certificateId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            if (_records[key].State == IssuanceState.Issued)
            {
                _records[key] = _records[key] with { State = IssuanceState.Completed, CertificateId = certificateId, CompletedAt = now };
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> ReopenAsync(IssuanceKey key, string expectedCertificateId, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            if (!_records.TryGetValue(key, out var record)
                || record.State != IssuanceState.Completed
                || record.CertificateId != expectedCertificateId)
            {
                return Task.FromResult(false);
            }

            _records[key] = record with { State = IssuanceState.Pending, Certificate = null, CertificateId = null, CompletedAt = null };
            return Task.FromResult(true);
        }
    }

    public Task<IssuanceRecord?> FindAsync(IssuanceKey key, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            return Task.FromResult(_records.GetValueOrDefault(key));
        }
    }

    public Task<IReadOnlyList<IssuanceRecord>> ListIncompleteAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            return Task.FromResult<IReadOnlyList<IssuanceRecord>>(_records.Values
                .Where(r => r.State != IssuanceState.Completed)
                .OrderBy(r => r.CreatedAt)
                .Take(limit)
                .ToList());
        }
    }
}
