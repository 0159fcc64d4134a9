/**
 * Functions of whole data columns for transformed data, evaluated once at data-load time
 * ({@link ulam.stdlib.data.DataFunctions}).
 */
package ulam.stdlib.data;
