using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Storefront.Payments.Stripe;
using Storefront.Stripe.Tests.Infrastructure;

namespace Storefront.Stripe.Tests;

/// <summary>The shop's verifier (Stripe.net's EventUtility underneath) on the shared fixture vectors and on forgeries; it answers with a reason and never throws.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_fixture_only_not_a_real_secret";

    public static TheoryData<string> FixtureFiles()
    {
        var data = new TheoryData<string>();
        foreach (var name in Vectors().EnumerateObject().Select(p => p.Name))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void EveryFixtureVectorVerifiesOnItsExactBytesJustAfterItsTimestamp(string file)
    {
        var (body, header, timestamp) = Vector(file);

        var result = StripeTestClient.Verifier(Secret, FixedTime.AtUnix(timestamp + 30)).Verify(body, header);

        Assert.Equal(StripeSignatureStatus.Valid, result.Status);
        // Read although the fixtures were sent under an older API version than Stripe.net pins.
        Assert.NotEqual(StripeOptions.PinnedApiVersion, result.Event!.ApiVersion);
        Assert.Equal(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString(), result.Event.Id);
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void EveryFixtureVectorIsStaleWithTheDefaultToleranceToday(string file)
    {
        var (body, header, _) = Vector(file);

        var result = StripeTestClient.Verifier(Secret).Verify(body, header);

        Assert.Equal(StripeSignatureStatus.TimestampOutsideTolerance, result.Status);
    }

    [Fact]
    public void ATamperedBodyMatchesNoSignature()
    {
        var (body, header, timestamp) = Vector("checkout.session.completed.json");
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"amount_total\": 1999", "\"amount_total\": 1"));
        Assert.NotEqual(body, tampered);

        var result = StripeTestClient.Verifier(Secret, FixedTime.AtUnix(timestamp)).Verify(tampered, header);

        Assert.Equal(StripeSignatureStatus.NoMatchingSignature, result.Status);
    }

    [Fact]
    public void ABodyWithItsLineEndingsRewrittenMatchesNoSignature()
    {
        var (body, header, timestamp) = Vector("charge.refunded.json");
        var rewritten = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\n", "\r\n"));

        Assert.False(StripeTestClient.Verifier(Secret, FixedTime.AtUnix(timestamp)).Verify(rewritten, header).IsValid);
    }

    [Fact]
    public void AWrongSecretMatchesNoSignature()
    {
        var (body, header, timestamp) = Vector("charge.refunded.json");

        var result = StripeTestClient.Verifier("whsec_someone_else", FixedTime.AtUnix(timestamp)).Verify(body, header);

        Assert.Equal(StripeSignatureStatus.NoMatchingSignature, result.Status);
    }

    [Fact]
    public void AGenuineSignatureReplayedAfterTheToleranceIsRefusedAsStale()
    {
        var body = "{\"id\":\"evt_1\"}"u8.ToArray();
        var signedAt = DateTimeOffset.UtcNow.AddMinutes(-6);
        var header = StripeTestClient.Sign(body, Secret, signedAt);
        var verifier = StripeTestClient.Verifier(Secret);

        Assert.Equal(StripeSignatureStatus.TimestampOutsideTolerance, verifier.Verify(body, header).Status);
        Assert.Equal(StripeSignatureStatus.Valid, StripeTestClient.Verifier(Secret, toleranceSeconds: 600).Verify(body, header).Status);
        Assert.Equal(StripeSignatureStatus.TimestampOutsideTolerance,
            verifier.Verify(body, StripeTestClient.Sign(body, Secret, DateTimeOffset.UtcNow.AddMinutes(6))).Status);
    }

    [Theory]
    [InlineData(null, StripeSignatureStatus.MissingHeader)]
    [InlineData("", StripeSignatureStatus.MissingHeader)]
    [InlineData("   ", StripeSignatureStatus.MissingHeader)]
    [InlineData("garbage", StripeSignatureStatus.Malformed)]
    [InlineData("t=,v1=00", StripeSignatureStatus.Malformed)]
    [InlineData("t=12x,v1=00", StripeSignatureStatus.Malformed)]
    [InlineData("t=-5,v1=00", StripeSignatureStatus.Malformed)]
    [InlineData("v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd", StripeSignatureStatus.Malformed)]
    [InlineData("t=1,t=2,v1=00", StripeSignatureStatus.Malformed)]
    [InlineData("t=99999999999999999999,v1=00", StripeSignatureStatus.Malformed)]
    [InlineData("t=1785315698,v1=not-hex", StripeSignatureStatus.NoMatchingSignature)]
    public void MissingAndGarbledHeadersAreReportedNotThrown(string? header, StripeSignatureStatus expected)
    {
        var verifier = StripeTestClient.Verifier(Secret, FixedTime.AtUnix(1785315698));

        Assert.Equal(expected, verifier.Verify("{}"u8.ToArray(), header).Status);
    }

    [Fact]
    public void OnlyV1SignaturesCountAndAV0SignatureProvesNothing()
    {
        var body = "{\"id\":\"evt_v0\"}"u8.ToArray();
        var now = DateTimeOffset.UtcNow;
        var valid = StripeTestClient.Sign(body, Secret, now);
        var v0Only = valid.Replace("v1=", "v0=");
        var verifier = StripeTestClient.Verifier(Secret);

        Assert.Equal(StripeSignatureStatus.NoMatchingSignature, verifier.Verify(body, v0Only).Status);
        Assert.Equal(StripeSignatureStatus.Valid, verifier.Verify(body, v0Only + "," + valid.Split(',')[1] + ",v0=abc").Status);
    }

    [Fact]
    public void AHeaderWithSeveralV1ValuesIsAcceptedWhenAnyOneMatches()
    {
        var body = "{\"id\":\"evt_roll\"}"u8.ToArray();
        var now = DateTimeOffset.UtcNow;
        var genuine = StripeTestClient.Sign(body, Secret, now).Split(',')[1];
        var other = StripeTestClient.Sign(body, "whsec_other", now).Split(',')[1];
        var header = $"t={now.ToUnixTimeSeconds()},{other},{genuine}";

        Assert.True(StripeTestClient.Verifier(Secret).Verify(body, header).IsValid);
        Assert.False(StripeTestClient.Verifier(Secret).Verify(body, $"t={now.ToUnixTimeSeconds()},{other},{other}").IsValid);
    }

    [Fact]
    public void DuringARotationEventsSignedWithTheOldOrTheNewSecretAreAcceptedAndOthersAreNot()
    {
        var options = new StripeOptions { WebhookSecret = "whsec_new", PreviousWebhookSecret = "whsec_old" };
        var verifier = StripeTestClient.Verifier(options);
        var body = "{\"id\":\"evt_rotation\"}"u8.ToArray();

        Assert.True(verifier.Verify(body, StripeTestClient.Sign(body, "whsec_new", DateTimeOffset.UtcNow)).IsValid);
        Assert.True(verifier.Verify(body, StripeTestClient.Sign(body, "whsec_old", DateTimeOffset.UtcNow)).IsValid);
        Assert.False(verifier.Verify(body, StripeTestClient.Sign(body, "whsec_older", DateTimeOffset.UtcNow)).IsValid);
        Assert.Equal(["whsec_new"], new StripeOptions { WebhookSecret = "whsec_new", PreviousWebhookSecret = " " }.WebhookSecrets);
    }

    private static JsonElement Vectors()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.StripeFixtures, "webhook-signatures.json")));
        return document.RootElement.GetProperty("vectors").Clone();
    }

    internal static (byte[] Body, string Header, long Timestamp) Vector(string file)
    {
        var vector = Vectors().GetProperty(file);
        var body = File.ReadAllBytes(Path.Combine(RepoPaths.StripeFixtures, file));
        // The fixture must be byte-exact (no rewritten line endings) or every check below is meaningless.
        Assert.Equal(vector.GetProperty("body_sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(body)));
        return (body, vector.GetProperty("header").GetString()!, vector.GetProperty("timestamp").GetInt64());
    }
}
