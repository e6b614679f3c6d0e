using SecureBase.BrowserTests.Pages;
using SecureBase.BrowserTests.Support;
using SecureBase.Identity;

namespace SecureBase.BrowserTests.Referrals;

/// <summary>The half-termly review page on a 1280-pixel screen, as the headteacher uses it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewLayoutTests(BrowserFixture browser)
{
    // For each priority box: its width on the page, and the width it needs to show its longest choice
    // ("Not set") whole, measured on a copy left free to size itself.
    private const string MeasurePriorityBoxes = """
        () => [...document.querySelectorAll('#review select')].map(s => {
            const free = s.cloneNode(true);
            free.style.width = 'auto';
            free.style.maxWidth = 'none';
            free.style.minWidth = '0';
            document.body.appendChild(free);
            const needed = free.getBoundingClientRect().width;
            free.remove();
            const box = s.getBoundingClientRect();
            return [box.width, needed, box.right];
        })
        """;

    [BrowserFact]
    public async Task ReviewPage_At1280Pixels_ShowsEveryPriorityBoxWhole()
    {
        await using var head = await browser.NewSessionAsync();
        await head.SignInAsync(browser.Demo.For(Role.Headteacher));
        var review = await ReviewPage.OpenAsync(head.Page);
        var page = review.Page;
        page.ViewportSize!.Width.ShouldBe(1280);

        var boxes = await page.EvaluateAsync<double[][]>(MeasurePriorityBoxes);
        boxes.Length.ShouldBeGreaterThan(0, "the demo school has open referrals to review");
        for (var i = 0; i < boxes.Length; i++)
        {
            var (width, needed, right) = (boxes[i][0], boxes[i][1], boxes[i][2]);
            width.ShouldBeGreaterThanOrEqualTo(needed - 0.5, $"priority box {i + 1} is {width:0} px wide but needs {needed:0} px: its choice (\"Not set\") is cut off");
            right.ShouldBeLessThanOrEqualTo(1280, $"priority box {i + 1} ends past the edge of the screen");
        }

        // Nothing hides to the right: the table fits its area without a sideways scroll bar.
        var overflow = await page.EvaluateAsync<double>("() => { const w = document.querySelector('#review').parentElement; return w.scrollWidth - w.clientWidth; }");
        overflow.ShouldBeLessThanOrEqualTo(0.5, "the review table scrolls sideways at 1280 px, hiding the priority and decision boxes");
        head.Errors.ShouldBeEmpty();
    }
}
