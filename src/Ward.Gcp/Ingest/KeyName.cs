namespace Ward.Gcp.Ingest;

/// <summary>The parts of a key's resource name, <c>projects/PROJECT/serviceAccounts/ACCOUNT/keys/KEY_ID</c> (also as a full <c>//iam.googleapis.com/…</c> name).</summary>
internal readonly record struct KeyName(string Name, string Project, string ServiceAccount, string KeyId)
{
    public static bool TryParse(string text, out KeyName name)
    {
        var relative = Iam.ResourceNames.Relative(text);
        var parts = relative.Split('/');
        if (parts is ["projects", { Length: > 0 } project, "serviceAccounts", { Length: > 0 } account, "keys", { Length: > 0 } key])
        {
            name = new KeyName(relative, project, account, key);
            return true;
        }

        name = default;
        return false;
    }
}
