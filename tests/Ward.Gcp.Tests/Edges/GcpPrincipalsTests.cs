using Ward.Gcp.Edges;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Tests.Edges;

public sealed class GcpPrincipalsTests
{
    [Theory]
    [InlineData("830000000201@cloudservices.gserviceaccount.com")]                     // Google APIs Service Agent (Editor on every project)
    [InlineData("service-830000000201@gcp-sa-pubsub.iam.gserviceaccount.com")]
    [InlineData("service-830000000201@compute-system.iam.gserviceaccount.com")]
    [InlineData("service-830000000201@gs-project-accounts.iam.gserviceaccount.com")]   // Cloud Storage
    [InlineData("service-org-583920174615@gcp-sa-cloudasset.iam.gserviceaccount.com")]
    [InlineData("service-folder-710000000001@gcp-sa-logging.iam.gserviceaccount.com")]
    [InlineData("p830000000201-abc123@gcp-sa-cloud-sql.iam.gserviceaccount.com")]      // a Cloud SQL instance's account
    [InlineData("cloud-logs@system.gserviceaccount.com")]
    [InlineData("bq-830000000201@bigquery-encryption.iam.gserviceaccount.com")]         // BigQuery's customer-managed encryption account
    [InlineData("service-830000000201@serverless-robot-prod.iam.gserviceaccount.com")]  // Cloud Run
    [InlineData("service-org-583920174615@security-center-api.iam.gserviceaccount.com")]
    [InlineData("project-830000000201@storage-transfer-service.iam.gserviceaccount.com")]
    [InlineData("service-830000000201@gcp-gae-service.iam.gserviceaccount.com")]       // App Engine standard environment
    [InlineData("service-830000000201@cloud-tpu.iam.gserviceaccount.com")]             // Cloud TPU
    [InlineData("bqcx-830000000201-abcd@gcp-sa-bigquery-condel.iam.gserviceaccount.com")]   // BigQuery Cloud resource connections
    [InlineData("connection-830000000201-9u56h9@gcp-sa-bigquery-condel.iam.gserviceaccount.com")]
    public void Googles_service_agents_are_recognised(string email) =>
        Assert.True(GcpPrincipals.IsGoogleServiceAgent(email));

    [Theory]
    [InlineData("terraform@nw-platform-ci.iam.gserviceaccount.com")]                   // user-managed
    [InlineData("830000000201-compute@developer.gserviceaccount.com")]                 // Compute Engine default
    [InlineData("nw-shop-prod@appspot.gserviceaccount.com")]                           // App Engine default
    [InlineData("830000000101@cloudbuild.gserviceaccount.com")]                        // legacy Cloud Build account: builds run as it
    [InlineData("service-desk@nw-platform-ci.iam.gserviceaccount.com")]                // a name that starts like an agent's
    [InlineData("service-123456789012@attacker-proj.iam.gserviceaccount.com")]          // an agent's name, in anyone's project
    [InlineData("service-org-123456789012@attacker-proj.iam.gserviceaccount.com")]
    [InlineData("p123456789012-abc@attacker-proj.iam.gserviceaccount.com")]
    [InlineData("deployer@gcp-sa-lookalike.iam.gserviceaccount.com")]                   // a gcp-sa- project, not an agent's name
    [InlineData("bqcx-830000000201-abcd@attacker-proj.iam.gserviceaccount.com")]        // a connection's name, in anyone's project
    [InlineData("ci-deployer@gcp-sa-lookalike.iam.gserviceaccount.com")]
    [InlineData("service-830000000201@gcp-sa-pubsub.example.com")]                      // not Google's domain
    [InlineData("nw-platform-ci.svc.id.goog[ci/runner]")]                              // a Kubernetes service account
    [InlineData("alice@northwind.example")]
    public void Accounts_customers_run_as_are_not_service_agents(string email) =>
        Assert.False(GcpPrincipals.IsGoogleServiceAgent(email));

    [Theory]
    [InlineData("terraform@nw-platform-ci.iam.gserviceaccount.com", "nw-platform-ci")]
    [InlineData("830000000201-compute@developer.gserviceaccount.com", "830000000201")]
    [InlineData("nw-shop-prod@appspot.gserviceaccount.com", "nw-shop-prod")]
    [InlineData("830000000101@cloudbuild.gserviceaccount.com", "830000000101")]
    [InlineData("nw-platform-ci.svc.id.goog[ci/runner]", "nw-platform-ci")]
    [InlineData("service-830000000201@gcp-sa-pubsub.iam.gserviceaccount.com", null)]  // not the project `gcp-sa-pubsub`
    [InlineData("service-123456789012@attacker-proj.iam.gserviceaccount.com", "attacker-proj")]  // a customer's account, whatever its name
    [InlineData("alice@northwind.example", null)]
    public void The_project_a_service_account_identifier_names(string email, string? project) =>
        Assert.Equal(project, GcpPrincipals.ProjectOfEmail(email));

    [Fact]
    public void A_members_node_id_is_worked_out_once_and_a_copy_naming_another_principal_gets_its_own()
    {
        var member = Member.Parse("user:Ann@Kept.example");

        var id = GcpPrincipals.IdOf(member);

        Assert.Equal("user:ann@kept.example", id);
        Assert.Same(id, GcpPrincipals.IdOf(member));
        Assert.Equal("group:ann@kept.example", GcpPrincipals.IdOf(member with { Kind = MemberKind.Group }));
        Assert.Equal("user:bo@kept.example", GcpPrincipals.IdOf(member with { Id = "bo@kept.example" }));
        Assert.Null(GcpPrincipals.IdOf(member with { IsDeleted = true }));
    }
}
