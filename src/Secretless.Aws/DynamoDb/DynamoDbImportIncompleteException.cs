namespace Secretless.Aws.DynamoDb;

/// <summary>
/// An import passed validation and the conflict check but DynamoDB failed part-way through the
/// writes (after every retry). The <see cref="Written"/> items stay in the table; every write is
/// a whole-item put of the imported key, so running the same import again is safe and finishes it
/// (already written devices then count as unchanged).
/// </summary>
public sealed class DynamoDbImportIncompleteException : Exception
{
    public DynamoDbImportIncompleteException()
    {
    }

    public DynamoDbImportIncompleteException(string message)
        : base(message)
    {
    }

    public DynamoDbImportIncompleteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DynamoDbImportIncompleteException(string tableName, int written, int toWrite, Exception innerException)
        : base($"The import into DynamoDB table '{tableName}' stopped after writing {written} of {toWrite} items: {innerException.Message} The written items stay; re-run the same import to finish it.", innerException)
    {
        TableName = tableName;
        Written = written;
        ToWrite = toWrite;
    }

    public string TableName { get; } = "";

    /// <summary>Items (inserted or replaced devices) that were stored before the failure.</summary>
    public int Written { get; }

    /// <summary>Items the import meant to store (new plus replaced devices).</summary>
    public int ToWrite { get; }
}
