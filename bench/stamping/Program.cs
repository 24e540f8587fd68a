using Storefront.Bench.Stamping;

// generate DIR                      write the generated inputs
// engine RUNS OUT_DIR FILE...       stamp in-process (this is the child process being measured)
// run INPUT_DIR CORPUS_DIR OUT_DIR REPORT RUNS  orchestrate all tools on all inputs and write the report
// books DIR REPO                   print and repack the tagged books (Chromium, qpdf) from REPO's README files
// run-books INPUT_DIR OUT_DIR REPORT RUNS  the books and the 10 MB image file, all tools, and how time grows with pages
// profile RUNS FILE...             where one copy's time goes, phase by phase
// template RUNS FILE...            what the copy template costs: its build, and each copy written from it
// shaping REPORT RUNS               a Latin name against shaped names in every script, per page and per copy
return args switch
{
    ["generate", var dir] => Generate(dir),
    ["engine", var runs, var outDir, .. var files] => await EngineRunner.RunAsync(int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture), outDir, files),
    ["run", var inputDir, var corpusDir, var outDir, var report, var runs] => await Orchestrator.RunAsync(inputDir, corpusDir, outDir, report, int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture)),
    ["books", var dir, var repo] => Books(dir, repo),
    ["run-books", var inputDir, var outDir, var report, var runs] => await Orchestrator.RunBooksAsync(inputDir, outDir, report, int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture)),
    ["profile", var runs, .. var files] => PhaseProfile.Print(files, int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture)),
    ["template", var runs, .. var files] => TemplateProfile.Print(files, int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture)),
    ["shaping", var report, var runs] => ShapingCase.Run(report, int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Generate(string dir)
{
    InputGenerator.Generate(dir);
    return 0;
}

static int Books(string dir, string repo)
{
    BookGenerator.Generate(dir, repo);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: generate DIR | engine RUNS OUT_DIR FILE... | run INPUT_DIR CORPUS_DIR OUT_DIR REPORT RUNS | books DIR REPO | run-books INPUT_DIR OUT_DIR REPORT RUNS | profile RUNS FILE... | template RUNS FILE... | shaping REPORT RUNS");
    return 2;
}
