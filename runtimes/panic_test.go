package runtimes_test

import (
	"context"
	"errors"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/inline"
)

func panicky(v any) func(context.Context) (int, error) {
	return func(context.Context) (int, error) { panic(v) }
}

func TestStartPanic(t *testing.T) {
	cases := []struct {
		name   string
		value  any
		unwrap error
	}{
		{"error value", errBoom, errBoom},
		{"string value", "bad", nil},
	}
	forEach(t, func(t *testing.T, a adapter) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				fx := a.fixture(t)
				o := recv(t, fx.start(context.Background(), 0, panicky(tc.value)))
				var pe *runtimes.PanicError
				if !errors.As(o.err, &pe) {
					t.Fatalf("err = %v, want a *PanicError", o.err)
				}
				if pe.Value != tc.value || !stackMentions(pe, "panicky") {
					t.Errorf("PanicError{%v, stack %q}", pe.Value, pe.Stack)
				}
				if errors.Unwrap(o.err) != tc.unwrap {
					t.Errorf("Unwrap = %v, want %v", errors.Unwrap(o.err), tc.unwrap)
				}
				if o := recv(t, fx.start(context.Background(), 0, value(3))); o.v != 3 || o.err != nil {
					t.Errorf("after a panic: got (%d, %v)", o.v, o.err)
				}
			})
		}
	})
}

func TestCallbackPanicHandler(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		reports := make(chan *runtimes.PanicError, 1)
		fx := a.fixture(t, runtimes.WithCallbackPanicHandler(func(pe *runtimes.PanicError) {
			reports <- pe
		}))
		fx.starts.Add(1)
		fx.rt.Start(context.Background(), 0, &probe{run: value(1), done: func(int, error) {
			fx.completions.Add(1)
			panic("in done")
		}})
		if pe := recv(t, reports); pe.Value != "in done" || len(pe.Stack) == 0 {
			t.Errorf("reported %v", pe)
		}
		if o := recv(t, fx.start(context.Background(), 0, value(2))); o.v != 2 || o.err != nil {
			t.Errorf("after a callback panic: got (%d, %v)", o.v, o.err)
		}
	})
}

func TestCallbackPanicPropagatesInline(t *testing.T) {
	rt := inline.New()
	defer func() {
		if v := recover(); v != "in done" {
			t.Errorf("recovered %v, want the callback's panic", v)
		}
		if err := rt.Close(context.Background()); err != nil {
			t.Errorf("Close after the panic: %v", err)
		}
	}()
	rt.Start(context.Background(), 0, &probe{run: value(1), done: func(int, error) { panic("in done") }})
	t.Error("Start returned")
}

func TestPanicError(t *testing.T) {
	pe := &runtimes.PanicError{Value: errBoom, Stack: []byte("stack")}
	if got := pe.Error(); got != "runtimes: panic: boom" {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(pe, errBoom) {
		t.Error("errors.Is does not see the panic value")
	}
	if (&runtimes.PanicError{Value: 3}).Unwrap() != nil {
		t.Error("Unwrap of a non-error value is not nil")
	}
}
