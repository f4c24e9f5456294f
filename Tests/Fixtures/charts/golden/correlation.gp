# Tape chart script (gnuplot 5.4)
set encoding utf8
set terminal pngcairo size 640,400 noenhanced background '#ffffff' font 'Sans,9'
set output './plots/golden.png'
set border lc rgb '#202020'
set tics textcolor rgb '#202020'
set key textcolor rgb '#202020'
set title textcolor rgb '#202020'
set xlabel textcolor rgb '#202020'
set ylabel textcolor rgb '#202020'
set y2label textcolor rgb '#202020'
set zlabel textcolor rgb '#202020'
set cblabel textcolor rgb '#202020'
set grid lc rgb '#dcdcdc' lw 1
set linetype 1 lc rgb '#1f77b4' lw 1.5 pt 7 ps 0.6
set linetype 2 lc rgb '#ff7f0e' lw 1.5 pt 7 ps 0.6
set linetype 3 lc rgb '#2ca02c' lw 1.5 pt 7 ps 0.6
set linetype 4 lc rgb '#d62728' lw 1.5 pt 7 ps 0.6
set linetype 5 lc rgb '#9467bd' lw 1.5 pt 7 ps 0.6
set linetype 6 lc rgb '#8c564b' lw 1.5 pt 7 ps 0.6
set linetype 7 lc rgb '#e377c2' lw 1.5 pt 7 ps 0.6
set linetype 8 lc rgb '#7f7f7f' lw 1.5 pt 7 ps 0.6
set linetype 9 lc rgb '#bcbd22' lw 1.5 pt 7 ps 0.6
set linetype 10 lc rgb '#17becf' lw 1.5 pt 7 ps 0.6
set key top left noopaque samplen 2
set title font ',11'
set datafile missing 'NaN'
$d0 << EOD
0 0 0.3752805792284476
1 0 0.20566168161587606
2 0 0.16647832134456175
3 0 1
0 1 0.600125205485711
1 1 0.7814361160076954
2 1 1
3 1 0.16647832134456175
0 2 0.8146709850945004
1 2 1
2 2 0.7814361160076954
3 2 0.20566168161587606
0 3 1
1 3 0.8146709850945004
2 3 0.600125205485711
3 3 0.3752805792284476
EOD
set title 'daily return correlation 2016-2017'
set xlabel ''
set ylabel ''
set cblabel 'correlation'
set palette defined (-1 '#2166ac', -0.5 '#67a9cf', 0 '#f7f7f7', 0.5 '#ef8a62', 1 '#b2182b')
set cbrange [-1:1]
set xrange [-0.5:4 - 0.5]
set yrange [-0.5:4 - 0.5]
unset grid
set tics out
set xtics ('SPY' 0, 'QQQ' 1, 'MSFT' 2, 'IBM' 3)
set ytics ('IBM' 0, 'MSFT' 1, 'QQQ' 2, 'SPY' 3)
set key off
plot $d0 using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder lc palette notitle, \
     $d0 using 1:2:($3 == $3 ? sprintf('%.3g', $3) : ''):(abs($3 - 0) > 0.6 ? 0xffffff : 0x000000) with labels tc rgb variable font ',8' notitle
set output
