using System.ComponentModel;
using Spectre.Console.Cli;

namespace Ward.Cli.Commands;

public sealed class WhoCanSettings : RequestSettings
{
    [CommandArgument(0, "<ACTION>")]
    [Description("The action: `s3:GetObject` (AWS), `Microsoft.Authorization/roleAssignments/write` (Azure) `microsoft.directory/users/password/update` (an Entra ID directory role's resource action), `Mail.Read` or `RESOURCE/PERMISSION` (an API permission) or `storage.objects.get` (a Google Cloud IAM permission).")]
    public string Action { get; init; } = string.Empty;

    [CommandArgument(1, "[RESOURCE]")]
    [Description("AWS: the resource ARN; `*` (default) for actions without resource-level permissions. Azure: the scope, required. Entra ID: the directory object (object id, user principal name or display name), or `/` for the tenant; for an API permission, the resource application instead of `RESOURCE/` (default Microsoft Graph). Google Cloud: `projects/ID`, `folders/ID`, `organizations/ID` or a full resource name, required.")]
    public string Resource { get; init; } = "*";

    [CommandOption("--all")]
    [Description("Also list principals that are denied, with the deciding layer.")]
    public bool All { get; init; }

    protected override string QuestionAction => Action;
}
