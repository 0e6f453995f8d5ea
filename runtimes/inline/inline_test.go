package inline_test

import (
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/inline"
)

func TestExecutorIsInline(t *testing.T) {
	rt := inline.New()
	ran := false
	if err := rt.Executor().Execute(runtimes.TaskFunc(func() { ran = true })); err != nil || !ran {
		t.Fatalf("Execute = %v, ran = %v", err, ran)
	}
	in, ok := rt.Executor().(interface{ Inline() bool })
	if !ok || !in.Inline() || rt.Loop() != nil {
		t.Error("the inline executor does not declare itself inline")
	}
}
