using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ward.Cli.Commands;

public sealed class CanSettings : RequestSettings
{
    [CommandArgument(0, "<PRINCIPAL>")]
    [Description("AWS: a principal ARN, `user/NAME`, `role/NAME`, a unique name, an account id (root), or a service principal. Azure: an Entra object id, a user principal name, an application id, or the name an assignment gives. Google Cloud: as a policy names it, `user:EMAIL`, `serviceAccount:EMAIL`, `group:EMAIL`, `principal://…`, `allUsers`.")]
    public string Principal { get; init; } = string.Empty;

    [CommandArgument(1, "<ACTION>")]
    [Description("The action: `s3:GetObject` (AWS), `Microsoft.Compute/virtualMachines/runCommand/action` (Azure) `microsoft.directory/users/password/update` (an Entra ID directory role's resource action), `Mail.Read` or `RESOURCE/PERMISSION` (an API permission of Microsoft Graph or of the resource named by its display name, application id or object id) or `storage.objects.get` (a Google Cloud IAM permission).")]
    public string Action { get; init; } = string.Empty;

    [CommandArgument(2, "[RESOURCE]")]
    [Description("AWS: the resource ARN; `*` (default) for actions without resource-level permissions. Azure: the scope (`/subscriptions/ID/resourceGroups/NAME/...`), required. Entra ID: the directory object (object id, user principal name or display name), or `/` for the tenant; for an API permission, the resource application instead of `RESOURCE/` (default Microsoft Graph). Google Cloud: `projects/ID`, `folders/ID`, `organizations/ID` or a full resource name (`//storage.googleapis.com/projects/_/buckets/NAME`), required.")]
    public string Resource { get; init; } = "*";

    [CommandOption("--as-user <USER>")]
    [Description("API permissions: decide a service principal's delegated permissions for this signed-in user (user principal name or object id).")]
    public string? AsUser { get; init; }

    protected override string QuestionAction => Action;

    public override ValidationResult Validate()
    {
        if (AsUser is not null && !IsApiPermission)
        {
            return ValidationResult.Error("--as-user applies to API permissions (`Mail.Read`, `RESOURCE/PERMISSION`) only");
        }

        return base.Validate();
    }
}
