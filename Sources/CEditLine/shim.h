#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>

/* Accessors for libedit's readline-compatible globals: Swift 6 refuses to touch
   mutable C globals directly (strict concurrency), and these are only ever used
   from the thread that calls readline(). */

/* Characters that end a word for Tab completion. The completer finds its own
   word start and the Swift side reconciles the two; '/', '.' and '~' are left
   out so that libedit's own file name completion sees a whole path. */
static inline void glimpse_editline_configure(rl_completion_func_t *complete) {
    rl_readline_name = "glimpse";
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(+-*,)[]#";
    rl_completion_query_items = 100;
}

/* The line being edited and the cursor's byte offset in it. */
static inline const char *glimpse_editline_buffer(void) { return rl_line_buffer; }
static inline int glimpse_editline_cursor(void) { return rl_point; }

/* over = 1: no file name completion when the completer has nothing;
   append: the character added after a unique match (0 for none). */
static inline void glimpse_editline_completion_options(int over, int append) {
    rl_attempted_completion_over = over;
    rl_completion_append_character = append;
}

static inline int glimpse_history_length(void) { return history_length; }
