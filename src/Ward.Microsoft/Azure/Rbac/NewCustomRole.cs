namespace Ward.Microsoft.Azure.Rbac;

/// <summary>
/// The GUID that stands for a custom role a principal would create, as the role being assigned: no condition written
/// before the role exists can name it. Not the all-zero GUID, which is the placeholder in Microsoft's own examples (an
/// export can hold a real role with it), but a fixed one that no exported role definition has: should an export hold
/// it, the next of its kind is taken.
/// </summary>
public static class NewCustomRole
{
    // 256 fixed GUIDs, told apart by their last two hex digits; the first no exported role has stands for the new role.
    private const string Prefix = "7d3f9a1e-5c2b-4e8d-a6f0-3b9c8e1d4a";

    /// <summary>The GUID of a custom role the principal would create: one that no role definition in the export has.</summary>
    public static string GuidIn(AzureEstate azure)
    {
        for (var i = 0; i < 256; i++)
        {
            var candidate = Prefix + i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
            if (azure.FindRoleDefinition(candidate) is null)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Every stand-in GUID for a new custom role is taken by an exported role definition.");
    }
}
